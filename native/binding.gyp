{
  "targets": [
    {
      "target_name": "netspec_native",
      "sources": [
        "src/addon.cc",
        "src/batchnorm.cc",
        "src/common.cc",
        "src/conv.cc",
        "src/copy.cc",
        "src/elementwise.cc",
        "src/gemm.cc",
        "src/lrn.cc",
        "src/optim.cc",
        "src/pool.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-fopenmp", "-fexceptions"],
      "libraries": ["-ldnnl", "-lopenblas", "-fopenmp"]
    }
  ]
}
