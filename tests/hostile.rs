//! Hostile and broken input: each bad file gets one line naming it and the reason, the rest
//! of the build goes on, and the summary counts what was skipped.

mod common;
use common::*;

#[test]
fn a_folder_of_broken_files_builds_what_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let good = "Laos expels workers\n\nLaos deported 40 Vietnamese nationals on Monday.\n";
    std::fs::write(inputs.join("good.txt"), good).unwrap();
    std::fs::write(inputs.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(inputs.join("latin1.md"), b"Caf\xe9 raid\n").unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("types.md"),
        "---\ndate: [2025, 3]\n---\nText here.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("notes.pdf"), "%PDF-1.4").unwrap();
    // One line of a megabyte: no sentence ends, and nothing breaks.
    let long = format!(
        "Long line\n\nThai police arrested 12 Chinese nationals in Bangkok and {}\n",
        "the report said that nothing more happened on the street that day and ".repeat(15_000)
    );
    assert!(long.len() > 1_000_000);
    std::fs::write(inputs.join("long.txt"), long).unwrap();
    // Deep and broken HTML.
    let deep = format!(
        "<html><body>{}<p>Cambodia deported 30 Thai nationals.{}</body>",
        "<div>".repeat(20_000),
        "</span>".repeat(50)
    );
    std::fs::write(inputs.join("deep.html"), deep).unwrap();
    // A JSON Lines archive with one bad record among good ones.
    std::fs::write(
        inputs.join("feed.jsonl"),
        "{\"id\": \"a\", \"title\": \"One\", \"text\": \"Laos arrested 5 Thais.\"}\n{not json}\n{\"id\": \"b\", \"text\": \"Vietnam deported 7 Chinese nationals.\"}\n",
    )
    .unwrap();
    // A symbolic link loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&inputs, inputs.join("loop")).unwrap();
    let store = dir.path().join("store");
    let out = bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(&inputs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!err.contains("panicked"), "{err}");
    for (file, reason) in [
        ("binary.txt", "binary file"),
        ("latin1.md", "invalid UTF-8"),
        ("empty.txt", "empty file"),
        ("types.md", "not a date"),
        ("notes.pdf", "unsupported file type"),
        ("feed.jsonl", "line 2"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line for {file}: {err}"));
        assert!(line.contains(reason), "{line}");
    }
    #[cfg(unix)]
    assert!(err.contains("loop"), "{err}");
    // good.txt, long.txt, deep.html and the two good feed records.
    assert!(stdout.contains("documents: 5 (5 added"), "{stdout}");
    assert!(stdout.contains("skipped:"), "{stdout}");
    assert!(!out.status.success());
}

#[test]
fn an_oversized_file_is_skipped_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(newsgraph::ingest::MAX_FILE_BYTES + 1).unwrap();
    let out = bin().args(["extract"]).arg(&big).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.txt") && err.contains("limit"), "{err}");
    assert!(!out.status.success());
}

#[test]
fn builds_are_deterministic_and_shards_merge_by_union() {
    let dir = tempfile::tempdir().unwrap();
    let export = |store: &std::path::Path| -> Vec<String> {
        let out = export_nquads(store);
        let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
        lines.sort();
        lines.dedup();
        lines
    };
    let build = |store: &std::path::Path, files: &[std::path::PathBuf]| {
        bin()
            .args(["--store", store.to_str().unwrap(), "build"])
            .args(files)
            .assert()
            .success();
    };
    let mut files: Vec<_> = std::fs::read_dir(articles())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (a, b, whole, again) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("w"),
        dir.path().join("w2"),
    );
    build(&whole, &files);
    build(&again, &files);
    let one = export(&whole);
    assert_eq!(one, export(&again), "two builds of the same corpus differ");
    build(&a, &files[..2]);
    build(&b, &files[2..]);
    let mut union = export(&a);
    union.extend(export(&b));
    union.sort();
    union.dedup();
    assert_eq!(one, union, "two halves do not merge into the whole");
}
