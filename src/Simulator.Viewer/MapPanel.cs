using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>A top-down map of the whole track (from the compiled scene's track) with every vehicle and walker of the
/// watched snapshot; the followed vehicle is ringed. The track path is built once per scene.</summary>
public sealed class MapPanel : IViewerPanel, IDisposable
{
    private readonly ViewerState _state;
    private readonly SKPaint _back = new() { Color = new SKColor(20, 40, 20, 200) };
    private readonly SKPaint _road = new() { Color = new SKColor(110, 110, 115), Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round };
    private readonly SKPaint _ego = new() { Color = new SKColor(60, 140, 255), IsAntialias = true };
    private readonly SKPaint _traffic = new() { Color = new SKColor(240, 70, 60), IsAntialias = true };
    private readonly SKPaint _walker = new() { Color = new SKColor(255, 120, 220), IsAntialias = true };
    private readonly SKPaint _prop = new() { Color = new SKColor(255, 160, 40), IsAntialias = true };
    private readonly SKPaint _ring = new() { Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
    private CompiledScene? _scene;
    private SKPath? _path;
    private SKRect _bounds;
    private float _roadWidth;

    public MapPanel(ViewerState state) => _state = state;

    public void Draw(SKCanvas canvas, SKRect area)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.DrawRect(area, _back);
        WorldSnapshot? s = _state.Frame?.Snapshot;
        if (s?.Scene is null)
        {
            return;
        }
        if (!ReferenceEquals(s.Scene, _scene))
        {
            Build(s.Scene);
        }
        float margin = 8;
        float scale = Math.Min((area.Width - 2 * margin) / _bounds.Width, (area.Height - 2 * margin) / _bounds.Height);
        float cx = area.MidX, cy = area.MidY;
        canvas.Save();
        canvas.ClipRect(area);
        // World (X east, Y north) to map pixels: scale, flip Y, centre.
        canvas.Translate(cx, cy);
        canvas.Scale(scale, -scale);
        canvas.Translate(-_bounds.MidX, -_bounds.MidY);
        _road.StrokeWidth = Math.Max(_roadWidth, 2f / scale);
        canvas.DrawPath(_path!, _road);
        float dot = 3.5f / scale;
        ReadOnlySpan<ActorSnapshot> actors = s.Actors;
        for (int i = 0; i < actors.Length; i++)
        {
            ref readonly ActorSnapshot a = ref actors[i];
            SKPaint paint = a.Kind switch
            {
                ActorKind.Ego => _ego,
                ActorKind.Traffic or ActorKind.ParkedCar => _traffic,
                ActorKind.Pedestrian => _walker,
                _ => _prop,
            };
            float r = a.Kind is ActorKind.Cone or ActorKind.Sign or ActorKind.Barrier ? dot * 0.6f : dot;
            canvas.DrawCircle(a.Position.X, a.Position.Y, r, paint);
            if (i == _state.FollowedActor)
            {
                _ring.StrokeWidth = 2f / scale;
                canvas.DrawCircle(a.Position.X, a.Position.Y, dot * 2.2f, _ring);
            }
        }
        canvas.Restore();
    }

    private void Build(CompiledScene scene)
    {
        _path?.Dispose();
        var track = scene.Track;
        using var path = new SKPathBuilder();
        int n = Math.Max(16, (int)(track.Length / 2.0));
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (int i = 0; i <= n; i++)
        {
            var p = track.ToWorld(track.Length * i / n, 0);
            float x = (float)p.X, y = (float)p.Y;
            if (i == 0)
            {
                path.MoveTo(x, y);
            }
            else
            {
                path.LineTo(x, y);
            }
            (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
        }
        path.Close();
        float pad = 10;
        _bounds = new SKRect(minX - pad, minY - pad, maxX + pad, maxY + pad);
        _roadWidth = (float)(track.Layout.LaneCount * track.Layout.LaneWidth);
        _path = path.Detach();
        _scene = scene;
    }

    public void Dispose()
    {
        _path?.Dispose();
        _back.Dispose();
        _road.Dispose();
        _ego.Dispose();
        _traffic.Dispose();
        _walker.Dispose();
        _prop.Dispose();
        _ring.Dispose();
    }
}
