module wasm-perf-suite/launcher

go 1.19
