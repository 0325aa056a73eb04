//! The command line as a shell sees it: completions, the manual page, examples in `--help`.

use std::process::Command;

use crate::util::{TestDir, stdout};

#[test]
fn bash_accepts_the_completions_and_completes_a_command() {
    let dir = TestDir::new("completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = dir.run(&["completions", shell], 0);
        assert!(stdout(&out).contains("analyze"), "{shell}");
    }
    let script = dir.create("netsift.bash", dir.run(&["completions", "bash"], 0).stdout);
    let check = Command::new("bash").arg("-n").arg(&script).status().unwrap();
    assert!(check.success(), "bash -n rejects the script");
    let complete = format!(
        "source {}; COMP_WORDS=(netsift an); COMP_CWORD=1; _netsift netsift an netsift; \
         echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = Command::new("bash").arg("-c").arg(complete).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "analyze");
}

#[test]
fn the_manual_page_renders() {
    let dir = TestDir::new("man");
    let roff = dir.run(&["man"], 0).stdout;
    let text = String::from_utf8_lossy(&roff);
    assert!(text.starts_with(".ie") || text.contains(".TH netsift"), "{}", &text[..200]);
    for command in ["analyze", "history", "diff", "backtest", "intro", "inspect", "completions"] {
        assert!(text.contains(command), "{command} in the manual");
    }
    // Where man is installed, it renders the page (`man -l`).
    let page = dir.create("netsift.1", &roff);
    if let Ok(out) = Command::new("man").arg("-l").arg(&page).env("MANWIDTH", "80").output() {
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && shown.contains("NAME"), "{shown}");
    }
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let dir = TestDir::new("help");
    let commands =
        ["analyze", "history", "diff", "backtest", "intro", "config", "inspect", "sample"];
    for command in commands.into_iter().chain(["completions"]) {
        let help = stdout(&dir.run(&[command, "--help"], 0));
        assert!(help.contains(&format!("Examples:\n  netsift {command}")), "{command}:\n{help}");
    }
}
