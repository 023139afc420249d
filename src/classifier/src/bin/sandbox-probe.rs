//! sandbox-probe [port] [marker]: tries what a WASI guest should not be given and prints one JSON line of what it got:
//! `{"probes":[{"name":"read /etc/passwd","granted":false,"detail":"..."}, ...]}`, with file contents and directory
//! listings in the details so that the caller can tell the host's files from a runtime's own virtual file system.
//! Built beside the classifier (build.sh installs target/classifier/wasm/sandbox-probe.wasm); the suite's SandboxIT
//! runs it with every variant's command line. `port` is a loopback TCP port the test listens on, `marker` a file the
//! test put in the working directory.

use serde_json::json;
use std::io::Write;

struct Probe {
    name: &'static str,
    granted: bool,
    detail: String,
}

fn attempt<T>(name: &'static str, result: std::io::Result<T>, describe: impl Fn(T) -> String) -> Probe {
    match result {
        Ok(value) => Probe { name, granted: true, detail: describe(value) },
        Err(e) => Probe { name, granted: false, detail: format!("{} ({:?})", e, e.kind()) },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let port: u16 = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(9);
    let marker = args.get(2).cloned().unwrap_or_else(|| "sandbox-marker.txt".into());
    let entries = |dir: std::fs::ReadDir| {
        let mut names: Vec<String> = dir.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        format!("{} entries: {}", names.len(), names.join(" "))
    };
    let first_line = |text: String| text.lines().next().unwrap_or("").to_string();
    let mut probes = vec![
        attempt("read /etc/passwd", std::fs::read_to_string("/etc/passwd"), first_line),
        attempt("read a file in the working directory", std::fs::read_to_string(&marker), first_line),
        attempt("list the working directory", std::fs::read_dir("."), entries),
        attempt("list the parent directory", std::fs::read_dir(".."), entries),
        attempt("list /", std::fs::read_dir("/"), entries),
        attempt("create a file in the working directory", std::fs::write(format!("{marker}.written"), b"x"), |_| format!("wrote {marker}.written")),
        preopens(),
    ];
    let names: Vec<String> = std::env::vars_os().map(|(k, _)| k.to_string_lossy().into_owned()).collect();
    probes.push(Probe { name: "read environment variables", granted: !names.is_empty(), detail: format!("{} variables: {}", names.len(), names.join(" ")) });
    probes.push(attempt("connect to a loopback TCP port", std::net::TcpStream::connect(("127.0.0.1", port)), |_| format!("connected to 127.0.0.1:{port}")));
    probes.push(attempt("listen on a TCP port", std::net::TcpListener::bind(("127.0.0.1", 0)), |l| format!("listening on {:?}", l.local_addr())));
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    probes.push(Probe { name: "read the wall clock", granted: clock.is_ok(), detail: format!("{clock:?}") });
    probes.push(random());

    let list: Vec<_> = probes.iter().map(|p| json!({"name": p.name, "granted": p.granted, "detail": p.detail})).collect();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", json!({ "probes": list }));
}

/// Preopened directories: the WASI way to hand a guest a directory (file descriptors from 3 up).
#[cfg(target_os = "wasi")]
fn preopens() -> Probe {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        fn fd_prestat_get(fd: u32, prestat: *mut u8) -> u16;
        fn fd_prestat_dir_name(fd: u32, path: *mut u8, len: usize) -> u16;
    }
    let mut found = Vec::new();
    for fd in 3..64u32 {
        let mut prestat = [0u8; 8];
        // SAFETY: prestat is the 8 bytes (tag, padding, u32 name length) the call writes.
        if unsafe { fd_prestat_get(fd, prestat.as_mut_ptr()) } != 0 {
            continue;
        }
        let len = u32::from_le_bytes([prestat[4], prestat[5], prestat[6], prestat[7]]) as usize;
        let mut name = vec![0u8; len];
        // SAFETY: name has the length the previous call reported.
        let named = unsafe { fd_prestat_dir_name(fd, name.as_mut_ptr(), len) } == 0;
        found.push(format!("fd {fd}: {}", if named { String::from_utf8_lossy(&name).into_owned() } else { "?".into() }));
    }
    Probe { name: "list preopened directories", granted: !found.is_empty(), detail: format!("{} preopened: {}", found.len(), found.join(", ")) }
}

#[cfg(not(target_os = "wasi"))]
fn preopens() -> Probe {
    Probe { name: "list preopened directories", granted: true, detail: "not WASI: a native process sees the whole file system".into() }
}

/// The random source, through the WASI call itself (std would fall back to something else silently).
#[cfg(target_os = "wasi")]
fn random() -> Probe {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        fn random_get(buf: *mut u8, len: usize) -> u16;
    }
    let mut bytes = [0u8; 16];
    // SAFETY: bytes is 16 writable bytes.
    let errno = unsafe { random_get(bytes.as_mut_ptr(), bytes.len()) };
    Probe { name: "read the random source", granted: errno == 0, detail: if errno == 0 { format!("{} of 16 bytes non-zero", bytes.iter().filter(|&&b| b != 0).count()) } else { format!("errno {errno}") } }
}

#[cfg(not(target_os = "wasi"))]
fn random() -> Probe {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    attempt("read the random source", std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)), |_| "/dev/urandom".into())
}
