import * as tf from '@tensorflow/tfjs';
import { registerNetspecCpu } from './src/runtime/backends/netspec-cpu.ts';
import { smallAlexNet } from './bench/native-smoke.ts';
