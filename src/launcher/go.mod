module wasm-perf-suite/probe

go 1.19
