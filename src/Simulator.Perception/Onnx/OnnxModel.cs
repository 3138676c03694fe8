using Microsoft.ML.OnnxRuntime;

namespace Simulator.Perception.Onnx;

/// <summary>
/// An ONNX Runtime session over a model file that was checked against a <see cref="ModelContract"/> at load.
/// Create <see cref="OnnxBatchRunner"/>s from it for the render loop. Owns the session.
/// </summary>
public sealed partial class OnnxModel : IDisposable
{
    private readonly SessionOptions _sessionOptions;

    private OnnxModel(string path, InferenceSession session, SessionOptions sessionOptions, ModelContract contract, OnnxRunOptions options,
        TensorContract input, TensorContract[] outputs)
    {
        Path = path;
        Session = session;
        _sessionOptions = sessionOptions;
        Contract = contract;
        Options = options;
        Input = input;
        Outputs = outputs;
    }

    public string Path { get; }
    /// <summary>The underlying session (for tools and tests that want ONNX Runtime's own Run).</summary>
    public InferenceSession Session { get; }
    public ModelContract Contract { get; }
    public OnnxRunOptions Options { get; }
    /// <summary>The image input as the model declares it (batch axis <see cref="TensorContract.Dynamic"/>).</summary>
    public TensorContract Input { get; }
    /// <summary>The outputs a runner reads, in contract order (then, with extra outputs allowed, the model's other
    /// outputs in its order), as the model declares them.</summary>
    public IReadOnlyList<TensorContract> Outputs { get; }
    /// <summary>The model's metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Session.ModelMetadata.CustomMetadataMap;

    /// <summary>
    /// Opens and checks a model. Every problem a user can cause (missing, corrupt or truncated file, unsupported
    /// opset, inputs/outputs off the contract, a provider this machine lacks) is a
    /// <see cref="PerceptionModelException"/> naming the file, what was expected and what was found.
    /// </summary>
    public static OnnxModel Load(string path, ModelContract contract, OnnxRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(contract);
        options ??= OnnxRunOptions.Default;
        if (!File.Exists(path))
        {
            throw new PerceptionModelException(path, "model file not found",
                Directory.Exists(path) ? "this is a folder: give the .onnx file" : "check the path in the configuration");
        }
        SessionOptions sessionOptions = OnnxSessionFactory.CreateOptions(options, path);
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            throw OnnxModelFile.LoadFailure(path, e);
        }
        try
        {
            (TensorContract input, TensorContract[] outputs) = Validate(path, session, contract);
            return new OnnxModel(path, session, sessionOptions, contract, options, input, outputs);
        }
        catch
        {
            session.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>A runner for batches of up to <paramref name="maxBatch"/> frames (warmed up before it returns).</summary>
    public OnnxBatchRunner CreateRunner(int maxBatch) => new(this, maxBatch);

    public void Dispose()
    {
        Session.Dispose();
        _sessionOptions.Dispose();
    }
}
