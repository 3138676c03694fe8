using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Networks;

/// <summary>
/// IMPALA ResNet encoder (Espeholt et al. 2018): per stage conv 3×3 → max-pool 3×3/2 → two residual blocks
/// (ReLU, conv, ReLU, conv, + skip); then ReLU, flatten, linear, ReLU.
/// </summary>
public sealed class ImpalaCnn : Module
{
    private readonly List<Stage> _stages = [];
    private readonly Linear _head;

    public ImpalaCnn(int channels, int height, int width, IReadOnlyList<int>? stageChannels = null, int features = 256, Generator? generator = null)
    {
        stageChannels ??= [16, 32, 32];
        long c = channels, h = height, w = width;
        for (int i = 0; i < stageChannels.Count; i++)
        {
            var stage = RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Stage(c, stageChannels[i], generator));
            _stages.Add(stage);
            c = stageChannels[i];
            h = (h + 1) / 2; // max-pool 3, stride 2, padding 1
            w = (w + 1) / 2;
        }
        _head = RegisterModule("head", new Linear(c * h * w, features, generator: generator));
        OutputSize = features;
    }

    public int OutputSize { get; }

    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (Stage stage in _stages)
        {
            x = stage.Forward(x);
        }
        return _head.Forward(x.Relu().Flatten()).Relu();
    }

    private sealed class Stage : Module
    {
        private readonly Conv2d _conv;
        private readonly Conv2d[] _res;

        public Stage(long inChannels, long outChannels, Generator? generator)
        {
            _conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, 3, 1, 1, generator: generator));
            _res = new Conv2d[4];
            for (int i = 0; i < 4; i++)
            {
                _res[i] = RegisterModule("res" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new Conv2d(outChannels, outChannels, 3, 1, 1, generator: generator));
            }
        }

        public override Tensor Forward(Tensor input)
        {
            Tensor x = Functional.MaxPool2d(_conv.Forward(input), 3, 2, 1);
            for (int block = 0; block < 2; block++)
            {
                Tensor y = _res[2 * block + 1].Forward(_res[2 * block].Forward(x.Relu()).Relu());
                x = x + y;
            }
            return x;
        }
    }
}
