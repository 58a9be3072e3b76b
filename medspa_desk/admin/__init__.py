"""Commands typed at a prompt (`medspa-desk COMMAND ...`): one module each, over the same services
the window uses. Each module has `register(commands)`, adding its sub-parser with `run=` set to
a function of the parsed arguments that returns the exit status. Heavy imports stay inside
`run`, so opening the window does not pay for them."""
