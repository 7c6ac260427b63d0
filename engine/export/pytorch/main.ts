// The command line of the exported PyTorch file: `predict` (same JSON as our predict) and `train`
// (on a data file, with the graph's optimizer, loss and clipping). Graph-dependent values come
// from the INPUT_* constants the generator writes above this text.

/** Python source: inputs, train_step, predict, train and main(). */
export const MAIN_SOURCE = `
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def read_input(doc, key, where, dtype):
    """The model input doc[key] as a tensor [B, *INPUT_SHAPE] (token ids as long), checked."""
    shape, data = read_tensor(doc, key, where)
    if shape[1:] != INPUT_SHAPE:
        fail(f'{where}: "{key}" has shape {shape} but the Input node "{INPUT_ID}" expects [batch, {", ".join(map(str, INPUT_SHAPE))}]')
    if INPUT_DTYPE == "int32":
        top = VOCAB_LIMIT - 1 if VOCAB_LIMIT is not None else "any"
        for i, v in enumerate(data):
            if v != int(v) or v < 0 or (VOCAB_LIMIT is not None and v >= VOCAB_LIMIT):
                fail(f'{where}: "{key}" value {i} is {v}, but token ids must be whole numbers from 0 to {top}')
        return torch.tensor(data, dtype=torch.long).reshape(shape)
    return torch.tensor(data, dtype=dtype).reshape(shape)


def trainable(model):
    """The parameters training updates (the frozen zero biases of single_bias excluded)."""
    return [p for p in model.parameters() if p.requires_grad]


def train_step(model, optimizer, loss_fn, x, y):
    """One update: forward, mean loss, backward, clipping, optimizer step. Returns the loss."""
    optimizer.zero_grad()
    loss = loss_of(model, loss_fn, x, y)
    loss.backward()
    clip_gradients(trainable(model))
    optimizer.step()
    return loss.item()


def predict(args):
    """Prints {"y": {"shape", "data"}}: the model's output for the batch in args.input."""
    dtype = DTYPES[args.dtype]
    model = build_model().to(dtype)
    load_weights(model, args.weights)
    x = read_input(read_json(args.input, "input file"), "x", f"input file {args.input}", dtype)
    model.eval()
    with torch.no_grad():
        y = model(x)
    print(json.dumps({"y": tensor_json(y)}))


def train(args):
    """Trains on args.data = {"x": tensor, "y": tensor}; prints one JSON line per epoch."""
    dtype = DTYPES[args.dtype]
    torch.manual_seed(TRAINING["seed"])
    model = build_model().to(dtype)
    if args.weights:
        load_weights(model, args.weights)
    where = f"data file {args.data}"
    data = read_json(args.data, "data file")
    x = read_input(data, "x", where, dtype)
    y_shape, y_data = read_tensor(data, "y", where)
    classes = TRAINING["loss"] == "categorical_crossentropy"
    y = torch.tensor(y_data, dtype=torch.long if classes else dtype).reshape(y_shape)
    if not y_shape or y_shape[0] != x.shape[0]:
        fail(f'{where}: "y" has shape {y_shape} but "x" has {x.shape[0]} rows; they must have as many rows')
    n = x.shape[0]
    batch = n if TRAINING["batch_size"] == "full" else min(TRAINING["batch_size"], n)
    epochs = TRAINING["epochs"] if args.epochs is None else args.epochs
    optimizer = make_optimizer(trainable(model))
    loss_fn = make_loss()
    model.train()
    step = 0
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n) if args.shuffle else torch.arange(n)
        total = 0.0
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            total += train_step(model, optimizer, loss_fn, x[rows], y[rows]) * len(rows)
            step += 1
        print(json.dumps({"epoch": epoch, "step": step, "loss": total / n}), flush=True)
    if args.save_weights:
        save_weights(model, args.save_weights)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("predict", help="print the model's output for a batch as JSON")
    p.add_argument("--weights", required=True, help="Backprop Studio weights file (JSON)")
    p.add_argument("--input", required=True, help='{"x": {"shape": [...], "data": [...]}}')
    p.add_argument("--dtype", choices=sorted(DTYPES), default="float64")
    t = sub.add_parser("train", help="train on a data file with the graph's training setup")
    t.add_argument("--data", required=True, help='{"x": {...}, "y": {...}} tensors, one row per example')
    t.add_argument("--weights", help="start from these weights instead of a fresh initialization")
    t.add_argument("--save-weights", help="write the trained weights here (our predict reads them)")
    t.add_argument("--epochs", type=int, help="override the graph's epochs")
    t.add_argument("--dtype", choices=sorted(DTYPES), default="float32")
    t.add_argument("--no-shuffle", dest="shuffle", action="store_false", help="keep the data order")
    args = parser.parse_args(argv)
    if args.command == "predict":
        predict(args)
    else:
        train(args)


if __name__ == "__main__":
    main()
`;
