/** Jest maps every `.css` import here: styles do not matter to jsdom. */
export default {};
