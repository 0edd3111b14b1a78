//! Bad input through every door: encodings, line endings, empty and huge
//! files, links, pipes, files that vanish mid-run, read-only drafts, a full
//! disk, a configuration that lists itself. Each case gives a clear error
//! naming the file (exit 2) or a documented behaviour, and no case loses or
//! truncates a draft. The README's "Guarantees" section cites these tests.
//!
//! Hostile files are made here, in scratch folders, rather than committed.

use std::path::Path;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{code, demo, demo_in, in_dir, run, run_with_stdin, scratch, stderr, stdout};

const BOM: &[u8] = b"\xef\xbb\xbf";

fn with_bom(text: &str) -> Vec<u8> {
    [BOM, text.as_bytes()].concat()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}

/// Every file's name and bytes in a folder (not recursive), sorted.
fn snapshot_folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = if e.path().is_file() {
                std::fs::read(e.path()).expect("read file")
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_utf8_bom_is_not_linted_and_offsets_still_point_into_the_file() {
    let draft = with_bom("room 1 at the café, room 22\nomg\n");
    let dir = scratch(&[("bom.txt", &draft)]);
    // Columns count from the first character the author typed, as editors show it.
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "bom.txt"]));
    // Byte offsets count the mark: they are offsets into the file as it is on disk.
    let output = run(demo_in(dir.path(), "check").args(["--format", "json", "bom.txt"]));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let diagnostics = report["files"][0]["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 3);
    for d in diagnostics {
        let start = d["span"]["start"].as_u64().expect("span start");
        let end = d["span"]["end"].as_u64().expect("span end");
        let in_file = &draft[start as usize..end as usize];
        assert_eq!(in_file, d["text"].as_str().expect("text").as_bytes(), "{d}");
    }
    // UTF-16 offsets are those of the text as an editor holds it, without the mark.
    assert_eq!(report["files"][0]["diagnostics"][0]["utf16"]["start"], 0);
    assert_eq!(report["files"][0]["diagnostics"][0]["column"], 1);
}

#[test]
fn a_utf8_bom_in_the_human_format_is_not_shown() {
    let dir = scratch(&[("bom.txt", &with_bom("room 1\n"))]);
    let output = run(demo_in(dir.path(), "check").arg("bom.txt"));
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).contains(" --> bom.txt:1:1\n  |\n1 | room 1\n  | ^^^^^^ Room number\n"));
    assert!(!stdout(&output).contains('\u{feff}'));
}

#[test]
fn fix_keeps_a_utf8_bom() {
    let dir = scratch(&[("bom.txt", &with_bom("Off to Kingfisher Ward, room 4.\n"))]);
    let output = run(demo_in(dir.path(), "fix").arg("bom.txt"));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        std::fs::read(dir.path().join("bom.txt")).expect("read"),
        with_bom("Off to [ward removed], [room removed].\n")
    );
    // Stdin too: the fixed text on stdout keeps the mark it came with.
    let output = run_with_stdin(demo("fix").arg("-"), "\u{feff}Off to Kingfisher Ward, room 4.\n");
    assert_eq!(stdout(&output), "\u{feff}Off to [ward removed], [room removed].\n");
}

#[test]
fn crlf_line_endings_columns_are_right_and_fix_keeps_them() {
    let draft = b"Night shift\r\non Bluebell Ward, room 4\r\nomg\r\n";
    let dir = scratch(&[("crlf.txt", draft)]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "crlf.txt"]));
    let output = run(demo_in(dir.path(), "check").arg("crlf.txt"));
    assert!(!stdout(&output).contains('\r'), "no carriage return in the snippet");
    let output = run(demo_in(dir.path(), "fix").arg("crlf.txt"));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        std::fs::read(dir.path().join("crlf.txt")).expect("read"),
        b"Night shift\r\non [ward removed], [room removed]\r\nomg\r\n"
    );
}

#[test]
fn utf16_is_an_error_naming_the_file_and_other_drafts_are_still_checked() {
    let little = utf16("room 1 on Bluebell Ward\n", false);
    let big = utf16("room 2\n", true);
    let dir = scratch(&[("le.txt", &little), ("be.txt", &big), ("ok.txt", b"room 3\n")]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "le.txt", "be.txt", "ok.txt"]));
    // `fix` refuses it too, and leaves it as it was.
    let output = run(demo_in(dir.path(), "fix").arg("le.txt"));
    assert_eq!(code(&output), 2);
    assert_eq!(std::fs::read(dir.path().join("le.txt")).expect("read"), little);
}

#[test]
fn utf16_in_a_folder_is_an_error_too() {
    let dir = scratch(&[
        ("drafts/le.txt", &utf16("room 1\n", false)),
        ("drafts/notes", &utf16("room 2\n", false)),
    ]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "drafts"]));
}

#[test]
fn a_nul_byte_in_a_named_draft_is_an_error() {
    let dir = scratch(&[("nul.txt", b"room 1\0 and more"), ("ok.txt", b"room 2\n")]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "nul.txt", "ok.txt"]));
    let output = run_with_stdin(demo("check").arg("-"), "room 1\0");
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "postlint: error: <stdin>: binary file (a NUL byte at byte 6), not a draft; nothing in it was checked\n"
    );
}

#[test]
fn an_empty_draft_has_no_findings() {
    let dir = scratch(&[("empty.txt", b""), ("bom-only.txt", BOM)]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["empty.txt", "bom-only.txt"]));
    let output = run_with_stdin(demo("check").args(["--format", "concise", "-"]), "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let output = run(demo_in(dir.path(), "fix").args(["empty.txt", "bom-only.txt"]));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(std::fs::read(dir.path().join("bom-only.txt")).expect("read"), BOM);
}

#[test]
fn a_draft_over_the_size_limit_is_refused_without_reading_it() {
    // Sparse: 64 MiB and one byte on disk in name only, so the test is instant.
    let dir = scratch(&[("ok.txt", b"room 1\n"), ("drafts/small.txt", b"room 2\n")]);
    let huge = std::fs::File::create(dir.path().join("huge.txt")).expect("create");
    huge.set_len(64 * 1024 * 1024 + 1).expect("set length");
    let blob = std::fs::File::create(dir.path().join("drafts/disk-image")).expect("create");
    blob.set_len(64 * 1024 * 1024 + 1).expect("set length");
    // Named: an error. In a folder, a huge file with no extension is skipped with a note.
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "huge.txt", "ok.txt", "drafts"]));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_in_a_folder_is_skipped_with_a_note() {
    let dir = scratch(&[("drafts/a/x.txt", b"room 1\n"), ("drafts/b.txt", b"room 2\n")]);
    std::os::unix::fs::symlink("..", dir.path().join("drafts/a/up")).expect("symlink");
    std::os::unix::fs::symlink("b.txt", dir.path().join("drafts/linked.txt")).expect("symlink");
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "drafts"]));
}

#[cfg(unix)]
#[test]
fn a_broken_link_in_a_folder_is_an_error_when_it_looks_like_a_draft() {
    let dir = scratch(&[("drafts/a.txt", b"room 1\n")]);
    std::os::unix::fs::symlink("gone.txt", dir.path().join("drafts/draft.txt")).expect("symlink");
    std::os::unix::fs::symlink("gone.png", dir.path().join("drafts/photo.png")).expect("symlink");
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "drafts"]));
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_not_read_but_a_named_one_is() {
    let dir = scratch(&[("drafts/ok.txt", b"room 1\n")]);
    // Nothing ever writes to this one: reading it would hang.
    mkfifo(&dir.path().join("drafts/pipe.txt"));
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "drafts"]));

    let named = dir.path().join("named.txt");
    mkfifo(&named);
    let to_named = named.clone();
    let writer = std::thread::spawn(move || std::fs::write(to_named, "room 2\n").expect("write to the FIFO"));
    let output = run(demo_in(dir.path(), "check").args(["--format", "concise", "named.txt"]));
    writer.join().expect("writer");
    assert_eq!(
        stdout(&output),
        "named.txt:1:1: warning demo/room-number 'room 2' places a patient in a particular room.\n"
    );

    // Fixing one is refused: there is no file to write the fixed text back to,
    // and renaming over the pipe would replace it.
    let to_named = named.clone();
    let writer = std::thread::spawn(move || std::fs::write(to_named, "room 2\n").expect("write to the FIFO"));
    let output = run(demo_in(dir.path(), "fix").args(["--format", "concise", "named.txt"]));
    writer.join().expect("writer");
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "postlint: error: named.txt: not a regular file (a pipe or a device), so it was not fixed; fix text on stdin with `postlint fix -`\n"
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&named).expect("metadata").file_type().is_fifo());
}

/// Deleting and replacing files while postlint runs: postlint is held on a
/// named pipe, the first draft, until the other files have been changed, so
/// the timing is certain. Linux only (the non-blocking open's flag value).
#[cfg(target_os = "linux")]
#[test]
fn drafts_that_disappear_or_become_unreadable_mid_run() {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    const O_NONBLOCK: i32 = 0o4000;
    let dir = scratch(&[
        ("b-deleted.txt", b"room 2\n"),
        ("c-now-a-folder.txt", b"room 3\n"),
        ("d-now-a-broken-link.txt", b"room 4\n"),
        ("e.txt", b"room 5\n"),
    ]);
    let pipe = dir.path().join("a-pipe.txt");
    mkfifo(&pipe);
    let mut child = demo_in(dir.path(), "check")
        .args([
            "--format",
            "concise",
            "--threads",
            "1",
            "a-pipe.txt",
            "b-deleted.txt",
            "c-now-a-folder.txt",
            "d-now-a-broken-link.txt",
            "e.txt",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn postlint");
    // Opening the pipe for writing succeeds only once postlint has opened it
    // for reading, which it does after checking that every path exists.
    let started = Instant::now();
    let mut writer = loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(&pipe)
        {
            Ok(file) => break file,
            Err(_) if started.elapsed() < Duration::from_secs(20) => {
                assert!(child.try_wait().expect("poll").is_none(), "postlint ended early");
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => panic!("postlint never opened the pipe: {e}"),
        }
    };
    std::fs::remove_file(dir.path().join("b-deleted.txt")).expect("delete");
    std::fs::remove_file(dir.path().join("c-now-a-folder.txt")).expect("delete");
    std::fs::create_dir(dir.path().join("c-now-a-folder.txt")).expect("folder");
    std::fs::remove_file(dir.path().join("d-now-a-broken-link.txt")).expect("delete");
    std::os::unix::fs::symlink("gone.txt", dir.path().join("d-now-a-broken-link.txt")).expect("symlink");
    writer.write_all(b"room 1\n").expect("write to the pipe");
    drop(writer);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(
        stdout(&output),
        "a-pipe.txt:1:1: warning demo/room-number 'room 1' places a patient in a particular room.\n\
         e.txt:1:1: warning demo/room-number 'room 5' places a patient in a particular room.\n"
    );
    assert_eq!(
        stderr(&output),
        "postlint: error: b-deleted.txt: no such file or folder\n\
         postlint: error: c-now-a-folder.txt: is a directory\n\
         postlint: error: d-now-a-broken-link.txt: no such file or folder\n"
    );
    assert_eq!(code(&output), 2);
}

#[test]
fn a_read_only_draft_is_not_fixed_and_the_others_are() {
    let original: &[u8] = b"Off to Kingfisher Ward, room 4.\n";
    let dir = scratch(&[("locked.txt", original), ("open.txt", original)]);
    let path = dir.path().join("locked.txt");
    let mut permissions = std::fs::metadata(&path).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).expect("chmod");
    // Run as root, too: root may write anything, but read-only still means "leave it".
    assert_cmd_snapshot!(demo_in(dir.path(), "fix").args(["--format", "concise", "locked.txt", "open.txt"]));
    assert_eq!(std::fs::read(&path).expect("read"), original);
    assert!(std::fs::metadata(&path).expect("metadata").permissions().readonly());
    assert_eq!(
        std::fs::read(dir.path().join("open.txt")).expect("read"),
        b"Off to [ward removed], [room removed].\n"
    );
    // --diff writes nothing, so it works on a read-only draft.
    let output = run(demo_in(dir.path(), "fix").args(["--diff", "locked.txt"]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("+Off to [ward removed], [room removed]."));
}

#[test]
fn check_never_writes_anything() {
    let dir = scratch(&[
        ("drafts/flagged.txt", b"Off to Kingfisher Ward, room 4.\n"),
        ("drafts/bom.txt", &with_bom("room 5\r\n")),
        ("drafts/clean.txt", b"All good.\n"),
    ]);
    let before = snapshot_folder(&dir.path().join("drafts"));
    let modified = std::fs::metadata(dir.path().join("drafts/flagged.txt"))
        .expect("metadata")
        .modified()
        .expect("mtime");
    for format in ["human", "concise", "json", "sarif"] {
        let output = run(demo_in(dir.path(), "check").args(["--format", format, "drafts"]));
        assert_eq!(code(&output), 1, "{}", stderr(&output));
    }
    let output = run(demo_in(dir.path(), "check").args(["--diff", "drafts"]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(snapshot_folder(&dir.path().join("drafts")), before);
    assert_eq!(
        std::fs::metadata(dir.path().join("drafts/flagged.txt"))
            .expect("metadata")
            .modified()
            .expect("mtime"),
        modified
    );
    assert_eq!(
        snapshot_folder(dir.path())
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>(),
        ["demo.toml", "drafts"]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_is_an_error_not_a_panic() {
    for format in ["human", "json", "sarif"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full");
        let output = demo("check")
            .args(["--format", format, "drafts/flagged.txt"])
            .stdout(full)
            .output()
            .expect("run postlint");
        assert_eq!(code(&output), 2, "{format}");
        assert_eq!(
            stderr(&output),
            "postlint: error: cannot write output: no space left on device\n",
            "{format}"
        );
    }
}

#[test]
fn a_config_that_lists_itself_is_an_error_naming_it() {
    let dir = scratch(&[
        ("postlint.toml", b"rules = [\"postlint.toml\"]\n"),
        ("a.txt", b"room 1\n"),
    ]);
    assert_cmd_snapshot!(in_dir(dir.path()).args(["check", "a.txt"]));
    // Named through another path, and with --rules: the same file, the same refusal.
    let dir = scratch(&[
        ("team/postlint.toml", b"rules = [\"../team/./postlint.toml\"]\n"),
        ("a.txt", b"room 1\n"),
    ]);
    let output = run(in_dir(dir.path()).args(["check", "--config", "team/postlint.toml", "a.txt"]));
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "postlint: error: team/postlint.toml: `rules` entry \"../team/./postlint.toml\" is this configuration file itself; list rule packs (or folders of packs), not the configuration\n"
    );
    let dir = scratch(&[("postlint.toml", b"builtin = false\n"), ("a.txt", b"room 1\n")]);
    let output = run(in_dir(dir.path()).args(["check", "--rules", "postlint.toml", "a.txt"]));
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "postlint: error: --rules postlint.toml: this is the configuration file in use, not a rule pack\n"
    );
}

#[test]
fn a_config_listing_its_own_folder_skips_itself() {
    let dir = scratch(&[
        ("team.toml", b"rules = [\".\"]\nbuiltin = false\n"),
        ("a.txt", b"room 1\n"),
    ]);
    let output = run(in_dir(dir.path()).args(["check", "--config", "team.toml", "--format", "concise", "a.txt"]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "a.txt:1:1: warning demo/room-number 'room 1' places a patient in a particular room.\n"
    );
}

#[test]
fn a_config_or_pack_that_is_a_folder_or_not_text() {
    let dir = scratch(&[
        ("conf/readme.md", b"a folder, not a file\n"),
        ("utf16.toml", &utf16("[pack]\n", false)),
        ("latin1.toml", b"# caf\xe9\n"),
        ("a.txt", b"room 1\n"),
    ]);
    let cases: [(&[&str], &str); 4] = [
        (&["--config", "conf"], "postlint: error: conf: is a directory\n"),
        (
            &["--no-config", "--rules", "utf16.toml"],
            "postlint: error: utf16.toml: UTF-16 text is not supported; save it as UTF-8 text\n",
        ),
        (
            &["--no-config", "--rules", "latin1.toml"],
            "postlint: error: latin1.toml: invalid UTF-8 at byte 5; save it as UTF-8 text\n",
        ),
        (
            &["--no-config", "--rules", "conf"],
            "postlint: error: conf: no rule packs found (a folder of packs holds *.toml files)\n",
        ),
    ];
    for (args, expected) in cases {
        let output = run(in_dir(dir.path()).arg("check").args(args).arg("a.txt"));
        assert_eq!(code(&output), 2, "{args:?}");
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
}

#[test]
fn a_utf16_batch_of_posts_is_an_error() {
    let dir = scratch(&[("posts.jsonl", &utf16("{\"id\": 1, \"text\": \"room 1\"}\n", false))]);
    let output = run(demo_in(dir.path(), "check").args(["--posts", "posts.jsonl"]));
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "postlint: error: posts.jsonl: UTF-16 text is not supported; save it as UTF-8 text\n"
    );
}
