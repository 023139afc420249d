//! mobilenet-classify < request.json  -> one JSON line on stdout; exit 0, or 2 on a request error.
//! mobilenet-classify --repeat N < request.json -> the same line, plus the times of N more inferences of the same
//!   image after the first (steady state: buffers allocated, caches warm) in `repeated_inference_us`.
//! mobilenet-classify --bench N < request.json -> inference N times, timing summary on stderr.
//! --isa auto|avx2|sse2|scalar (native builds) chooses the kernels (auto: the best this CPU has); `sse2` runs 128-bit
//!   vectors, the width of WebAssembly's simd128, so native can be compared with WebAssembly like for like.

use mobilenet_classify::error::ClassifyError;
use mobilenet_classify::kernels::Isa;
use mobilenet_classify::network::OperatorProfile;
use mobilenet_classify::output::{self, Phases};
use mobilenet_classify::{image_input, request, Classifier, MODEL_SHA256};
use std::io::Write;
use std::time::Instant;

const EXIT_REQUEST_ERROR: i32 = 2;
const EXIT_MODEL_ERROR: i32 = 3;

/// Extra memory the canary build holds for its whole run: WPS_CANARY_MEMORY_KIB at build time.
#[cfg(feature = "canary")]
fn canary_extra_bytes() -> usize {
    option_env!("WPS_CANARY_MEMORY_KIB").and_then(|k| k.parse::<usize>().ok()).unwrap_or(1536) << 10
}

fn main() {
    let start = Instant::now();
    // Canary: touch every page so the memory counts in the resident set, and keep it to the end.
    #[cfg(feature = "canary")]
    let _held = std::hint::black_box(vec![1u8; canary_extra_bytes()]);
    let args: Vec<String> = std::env::args().collect();
    // argv[0] differs between runtimes (Wasmer passes the program name, Wasmtime the module path).
    // The kernels: --isa on native builds only; a WebAssembly module's are fixed when it is built (simd128 or scalar), and
    // keeping them a constant there keeps the module's code what it was before --isa existed.
    #[allow(unused_mut)]
    let (mut bench, mut repeat, mut isa) = (None, 0, Isa::detect());
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let count = |flag: &str, value: Option<&String>| match value.and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0) {
            Some(n) => n,
            None => usage(&format!("{flag} needs a positive number of iterations")),
        };
        match arg.as_str() {
            "--bench" => bench = Some(count("--bench", rest.next())),
            "--repeat" => repeat = count("--repeat", rest.next()),
            #[cfg(not(target_arch = "wasm32"))]
            "--isa" => match rest.next().map(|name| Isa::by_name(name)) {
                Some(Ok(chosen)) => isa = chosen,
                Some(Err(problem)) => usage(&problem),
                None => usage("--isa needs a name: auto, avx2, sse2 or scalar"),
            },
            other => usage(&format!("unexpected argument {other:?}")),
        }
    }

    let mut classifier = match Classifier::embedded(isa) {
        Ok(c) => c,
        Err(e) => exit_with(&e, EXIT_MODEL_ERROR),
    };
    let mut phases = Phases { model_load: start.elapsed().as_micros(), ..Phases::default() };
    // The canary says what it costs, for the self-test's report (stdout stays the one JSON line).
    #[cfg(feature = "canary")]
    eprintln!("canary: +{:.2}% multiply-accumulates, +{} KiB held", 100.0 * classifier.canary_extra_share(), canary_extra_bytes() >> 10);

    let stdin = request::read_bounded(std::io::stdin().lock(), request::MAX_REQUEST_BYTES).unwrap_or_else(|e| exit_with(&e, EXIT_REQUEST_ERROR));
    let t = Instant::now();
    let decoded = request::parse(&stdin, classifier.classes()).and_then(|r| Ok((image_input::decode(&r.image)?, r.top_k)));
    let (image, top_k) = decoded.unwrap_or_else(|e| exit_with(&e, EXIT_REQUEST_ERROR));
    phases.decode = t.elapsed().as_micros();

    let t = Instant::now();
    let (height, width) = classifier.input_size();
    let rgb = image_input::preprocess(&image, width, height);
    phases.preprocess = t.elapsed().as_micros();

    if let Some(iterations) = bench {
        run_bench(&mut classifier, &rgb, iterations);
    }
    let t = Instant::now();
    let top = classifier.classify(&rgb, top_k);
    phases.inference = t.elapsed().as_micros();
    phases.total = start.elapsed().as_micros();
    let repeated: Vec<u128> = (0..repeat)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(classifier.classify(&rgb, top_k));
            t.elapsed().as_micros()
        })
        .collect();
    print_line(&output::success(&top, MODEL_SHA256, classifier.isa().name(), &phases, &repeated));
}

/// Inference-only timing, for the kernel benchmark (scripts/bench-kernels.sh).
fn run_bench(classifier: &mut Classifier, rgb: &[u8], iterations: usize) {
    let mut samples: Vec<f64> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(classifier.classify(rgb, 1));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let mut profile = OperatorProfile::default();
    for _ in 0..iterations {
        classifier.classify_profiled(rgb, 1, Some(&mut profile));
    }
    let breakdown: Vec<String> = profile
        .totals
        .iter()
        .map(|(name, total)| format!("{name}={:.3}", total.as_secs_f64() * 1e3 / iterations as f64))
        .collect();
    eprintln!("bench per-operator mean_ms (separate pass): {}", breakdown.join(" "));
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    let mut deviations: Vec<f64> = samples.iter().map(|s| (s - median).abs()).collect();
    deviations.sort_by(f64::total_cmp);
    eprintln!(
        "bench isa={} n={} median_ms={:.3} mad_ms={:.3} min_ms={:.3} max_ms={:.3}",
        classifier.isa().name(),
        samples.len(),
        median,
        deviations[deviations.len() / 2],
        samples[0],
        samples[samples.len() - 1]
    );
}

fn print_line(line: &str) {
    let mut out = std::io::stdout().lock();
    // A closed stdout is the reader's choice; nothing useful is left to report.
    let _ = writeln!(out, "{line}").and_then(|_| out.flush());
}

fn exit_with(error: &ClassifyError, code: i32) -> ! {
    print_line(&output::failure(error));
    std::process::exit(code);
}

fn usage(problem: &str) -> ! {
    eprintln!("mobilenet-classify: {problem}\nusage: mobilenet-classify [--repeat N] [--bench N] [--isa auto|avx2|sse2|scalar] < request.json");
    std::process::exit(EXIT_REQUEST_ERROR);
}
