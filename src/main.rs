fn main() -> std::process::ExitCode {
    scrapelint::cli::main()
}
