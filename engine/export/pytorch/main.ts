// The command line of the exported PyTorch file: `predict` (same JSON as our predict) and `train`
// (DataLoader over an export-data folder or a data file, a device, validation metrics as the app
// reports them, checkpoints and --resume, DistributedDataParallel under torchrun, AMP on CUDA,
// safetensors / state_dict / TorchScript / ONNX outputs). Graph-dependent values come from the
// INPUT_* and TRAINING constants the generator writes above this text.

/** Python source: inputs, train_step, predict, train and main(). */
export const MAIN_SOURCE = String.raw`
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


def train_step(model, optimizer, loss_fn, x, y, scaler=None):
    """One update: forward, mean loss, backward, clipping, optimizer step.
    Returns (loss, logits); with an enabled GradScaler the forward runs in float16 autocast (CUDA)."""
    optimizer.zero_grad()
    if scaler is not None and scaler.is_enabled():
        with torch.autocast("cuda", dtype=torch.float16):
            out = model(x, logits=True)
            loss = loss_from(loss_fn, out, y)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        clip_gradients(trainable(model))
        scaler.step(optimizer)
        scaler.update()
    else:
        out = model(x, logits=True)
        loss = loss_from(loss_fn, out, y)
        loss.backward()
        clip_gradients(trainable(model))
        optimizer.step()
    return loss.item(), out.detach()


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


def emit(obj):
    """One JSON line in a single write, so the lines of several torchrun ranks never interleave."""
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def epoch_text(m, epochs):
    """One human-readable line per epoch (the --json line's numbers)."""
    parts = [f"epoch {m['epoch']}/{epochs}", f"step {m['step']}", f"loss {m['loss']:.4f}"]
    for key, label in (("accuracy", "acc"), ("valLoss", "val loss"), ("valAccuracy", "val acc"), ("valPerplexity", "val ppl")):
        if key in m:
            parts.append(f"{label} {m[key]:.4f}")
    return "  ".join(parts)


def train(args):
    """Trains on args.data; one line per epoch (JSON with --json) with the app's metrics."""
    dist = Distributed(args.device)
    dtype = DTYPES[args.dtype]
    torch.manual_seed(TRAINING["seed"])
    model = build_model().to(dtype)
    if args.weights:
        load_weights(model, args.weights)
    data = load_data(args.data, args.tokenizer, dtype)
    model.to(dist.device)
    optimizer = make_optimizer(trainable(model))
    amp = args.amp and dist.device.type == "cuda" and dtype == torch.float32
    if args.amp and not amp and dist.main:
        print(f"note: --amp works on CUDA in float32; training on {dist.device} in {args.dtype} without it", file=sys.stderr)
    scaler = torch.cuda.amp.GradScaler(enabled=amp)
    start_epoch, step = 0, 0
    if args.resume:
        start_epoch, step = load_checkpoint(args.resume, model, optimizer, scaler, dist.device)
    net = dist.wrap(model)
    loader, sampler = dist.loader(data.x, data.y, args.shuffle)
    loss_fn = make_loss()
    epochs = TRAINING["epochs"] if args.epochs is None else args.epochs
    if dist.main and not args.json and sys.stderr.isatty():
        print(f"training on {data.where} ({data.x.shape[0]} rows, {0 if data.val_x is None else data.val_x.shape[0]} for validation) on {dist.describe()}", file=sys.stderr)
    for epoch in range(start_epoch + 1, epochs + 1):
        if args.max_steps is not None and step >= args.max_steps:
            break
        sampler.set_epoch(epoch)
        net.train()
        sums = torch.zeros(4, dtype=torch.float64)  # loss * rows, rows, correct, counted
        for rows, xb, yb in loader:
            xb, yb = xb.to(dist.device), yb.to(dist.device)
            loss, out = train_step(net, optimizer, loss_fn, xb, yb, scaler)
            step += 1
            sums += torch.tensor([loss * len(rows), len(rows), *correct_count(out.float(), yb)], dtype=torch.float64)
            if args.log_steps:
                line = {"step": step, "batchLoss": loss}
                if dist.world > 1:
                    line.update(rank=dist.rank, rows=rows.tolist())
                emit(line)
            if args.max_steps is not None and step >= args.max_steps:
                break
        sums = dist.sum(sums)
        m = {"epoch": epoch, "step": step, "loss": (sums[0] / sums[1]).item()}
        if sums[3] > 0:
            m["accuracy"] = (sums[2] / sums[3]).item()
        if data.task == "language-model":
            m["perplexity"] = math.exp(m["loss"])
        if dist.main:
            if data.val_x is not None:
                m.update(evaluate(model, data.val_x, data.val_y, dist.device, data.task))
            emit(m) if args.json else print(epoch_text(m, epochs), flush=True)
            if args.checkpoint:
                save_checkpoint(args.checkpoint, model, optimizer, scaler, epoch, step)
    if dist.main:
        model.to("cpu")
        if args.save_weights:
            save_weights(model, args.save_weights)
        if args.save_state_dict:
            torch.save(model.state_dict(), args.save_state_dict)
        if args.torchscript:
            torch.jit.script(model).save(args.torchscript)
        if args.onnx:
            export_onnx(model, args.onnx)
    if args.log_steps and dist.world > 1:
        emit({"rank": dist.rank, "weightsDigest": weights_digest(model)})
    dist.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("predict", help="print the model's output for a batch as JSON")
    p.add_argument("--weights", required=True, help="weights: .safetensors or Backprop Studio JSON")
    p.add_argument("--input", required=True, help='{"x": {"shape": [...], "data": [...]}}')
    p.add_argument("--dtype", choices=sorted(DTYPES), default="float64")
    t = sub.add_parser("train", help="train with the graph's training setup (data-parallel under torchrun)")
    t.add_argument("--data", required=True, help="an export-data folder, a text,label .csv, a .txt corpus or {x, y} .json")
    t.add_argument("--tokenizer", help="export-data folder whose vocab.json/manifest.json read a raw .csv/.txt (default: beside the data file, then beside this script)")
    t.add_argument("--epochs", type=int, help="override the graph's epochs")
    t.add_argument("--max-steps", type=int, help="stop after this many optimizer steps in all")
    t.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto")
    t.add_argument("--amp", action="store_true", help="mixed precision (float16 autocast + GradScaler) on CUDA")
    t.add_argument("--json", action="store_true", help="one JSON object per epoch: epoch, step, loss, accuracy, valLoss, valAccuracy/valPerplexity")
    t.add_argument("--log-steps", action="store_true", help="also one JSON line per step with its batch loss")
    t.add_argument("--weights", help="start from these weights (.safetensors or JSON)")
    t.add_argument("--save-weights", help="write the trained weights: .safetensors, else Backprop Studio JSON")
    t.add_argument("--save-state-dict", help="write model.state_dict() with torch.save (.pt)")
    t.add_argument("--checkpoint", help="after every epoch, write model + optimizer state here (.pt)")
    t.add_argument("--resume", help="continue from a --checkpoint file (weights, optimizer state, epoch, step)")
    t.add_argument("--torchscript", help="write torch.jit.script(model) here (.pt)")
    t.add_argument("--onnx", help="write the trained model as ONNX (dynamic batch and sequence axes)")
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
