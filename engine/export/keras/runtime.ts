// The fixed parts of an exported Keras file: file IO, our weights file -> Keras layer weights
// (transposes and the GRU gate reordering), predict and train. TensorFlow is not installed on the
// build machine, so this text is checked by py_compile and by the structure tests only.
import { PY_FILE_IO } from '../python.ts';

/** Python source: IO helpers, weight conversion, load_weights, predict, train, main. */
export const KERAS_RUNTIME = `
${PY_FILE_IO}def read_array(doc, key, where, dtype="float32"):
    """doc[key] = {"shape": [...], "data": [...]} (row-major) as a numpy array, checked."""
    t = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(t, dict) or not isinstance(t.get("shape"), list) or not isinstance(t.get("data"), list):
        fail(f'{where} needs "{key}": {{"shape": [...], "data": [...]}}')
    try:
        return np.asarray(t["data"], dtype=dtype).reshape(t["shape"])
    except (ValueError, TypeError) as e:
        fail(f'{where}: "{key}" does not fit its shape {t["shape"]}: {e}')


def gru_gates_zrh(w):
    """Our GRU blocks are stacked r, z, n (PyTorch); Keras stacks z, r, h."""
    r, z, n = np.split(w, 3, axis=0)
    return np.concatenate([z, r, n], axis=0)


def load_weights(model, path):
    """Copies a Backprop Studio weights file into the Keras model (see WEIGHT_PLAN)."""
    doc = read_json(path, "weights file")
    if not isinstance(doc, dict) or doc.get("format") != "backprop-studio.weights" or not isinstance(doc.get("tensors"), dict):
        fail(f'{path} is not a weights file: expected {{"format": "backprop-studio.weights", "version": 1, "tensors": {{...}}}}')
    tensors = doc["tensors"]
    for layer_name, node_id, directions, convert in WEIGHT_PLAN:
        arrays = []
        for suffix in directions:  # Bidirectional: forward layer's weights, then backward's
            def get(name):
                key = f"{node_id}.{name}{suffix}"
                if key not in tensors:
                    fail(f'weights file {path} is missing tensor "{key}"')
                return read_array(tensors, key, f"weights file {path}")
            arrays += convert(get)
        layer = model.get_layer(layer_name)
        expected = [tuple(w.shape) for w in layer.get_weights()]
        if [a.shape for a in arrays] != expected:
            fail(f"weights for layer {layer_name!r} have shapes {[a.shape for a in arrays]}, the layer needs {expected}")
        layer.set_weights(arrays)


def read_input(doc, key, where):
    """The model input doc[key] [B, *INPUT_SHAPE] (int32 token ids or float32), checked."""
    x = read_array(doc, key, where, "int32" if INPUT_DTYPE == "int32" else "float32")
    if list(x.shape[1:]) != INPUT_SHAPE:
        fail(f'{where}: "{key}" has shape {list(x.shape)} but the Input node "{INPUT_ID}" expects [batch, {", ".join(map(str, INPUT_SHAPE))}]')
    return x


def predict(args):
    """Prints {"y": {"shape", "data"}}: the model's output for the batch in args.input."""
    model = build_model()
    load_weights(model, args.weights)
    x = read_input(read_json(args.input, "input file"), "x", f"input file {args.input}")
    y = np.asarray(model(x, training=False), dtype="float64")
    print(json.dumps({"y": {"shape": list(y.shape), "data": y.reshape(-1).tolist()}}))


def train(args):
    """Trains on args.data = {"x": tensor, "y": tensor} with the graph's training setup."""
    tf.keras.utils.set_random_seed(TRAINING["seed"])
    model = build_model()
    if args.weights:
        load_weights(model, args.weights)
    where = f"data file {args.data}"
    data = read_json(args.data, "data file")
    x = read_input(data, "x", where)
    y = read_array(data, "y", where, "int32" if TRAINING["loss"] == "categorical_crossentropy" else "float32")
    compile_for_training(model)
    batch = len(x) if TRAINING["batch_size"] == "full" else TRAINING["batch_size"]
    epochs = TRAINING["epochs"] if args.epochs is None else args.epochs
    model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=True, verbose=2)
    if args.save_weights:
        model.save_weights(args.save_weights)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("predict", help="print the model's output for a batch as JSON")
    p.add_argument("--weights", required=True, help="Backprop Studio weights file (JSON)")
    p.add_argument("--input", required=True, help='{"x": {"shape": [...], "data": [...]}}')
    t = sub.add_parser("train", help="train on a data file with the graph's training setup")
    t.add_argument("--data", required=True, help='{"x": {...}, "y": {...}} tensors, one row per example')
    t.add_argument("--weights", help="start from these Backprop Studio weights")
    t.add_argument("--save-weights", help="write the trained weights in Keras's format (.weights.h5)")
    t.add_argument("--epochs", type=int, help="override the graph's epochs")
    args = parser.parse_args(argv)
    if args.command == "predict":
        predict(args)
    else:
        train(args)


if __name__ == "__main__":
    main()
`;
