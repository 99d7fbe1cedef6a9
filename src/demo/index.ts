/**
 * The demo's data sets and classifier: what `maddness demo` trains to obtain the A (hidden
 * activations) and B (last-layer weights) of the paper's softmax-classifier task.
 * @module
 */
export * from './datasets.js';
export * from './network.js';
