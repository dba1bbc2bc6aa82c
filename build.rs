//! Loads `content/` through `crates/curriculum` and generates the app's static curriculum.
//! Any content problem fails the build with every error, each with file, line and a Spanish hint.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    for entry in walk(&dir) {
        println!("cargo:rerun-if-changed={}", entry.display());
    }
    let curriculum = match curriculum::load(&dir) {
        Ok(c) => c,
        Err(diags) => {
            for d in &diags {
                // `cargo:warning` shows each problem even when cargo hides build-script output.
                for line in d.to_string().lines() {
                    println!("cargo:warning={line}");
                }
                eprintln!("{d}");
            }
            eprintln!(
                "\nEl contenido tiene {} problema(s); corríjalos y vuelva a compilar.",
                diags.len()
            );
            std::process::exit(1);
        }
    };
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    // The per-topic files, for native builds (tests) to embed; the wasm fetches them instead.
    // The site gets its copy from the `curriculum bundle` command run by the Trunk hook: same
    // function, same bytes.
    let bundles = curriculum::bundle::bundles(&curriculum);
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        curriculum::bundle::write(&bundles, &out_dir).expect("write topic files");
    }
    let code = curriculum::codegen::to_rust(&curriculum, &bundles);
    std::fs::write(out_dir.join("curriculum.rs"), code).expect("write curriculum.rs");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
