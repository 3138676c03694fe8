using Simulator.Recording;
using Simulator.Viewer.Replay;
using SkiaSharp;

namespace Simulator.Viewer.Tests;

/// <summary>The replay timeline panel drawn into a bitmap: bar, event markers, played part, playhead, texts; clicks seek.</summary>
public sealed class TimelinePanelTests
{
    private static readonly RecordedEvent[] s_events =
    [
        new(200, "collision", "traffic 3"),
        new(500, "lap", "lap 1"),
        new(700, "off-road", ""),
        new(800, "on-road", ""),
    ];

    private static (SKBitmap Image, SKRect Bar, TimelinePanel Panel) Draw(ReplayStatus status, ViewerControl control, int width = 990, string? save = null)
    {
        var image = new SKBitmap(new SKImageInfo(width, 82, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(image);
        canvas.Clear(new SKColor(40, 120, 40)); // a green-ish 3D view behind
        var area = new SKRect(10, 10, width - 10, 72);
        var panel = new TimelinePanel(status, control);
        panel.Draw(canvas, area);
        canvas.Flush();
        if (save != null)
        {
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, save), data.ToArray());
        }
        return (image, TimelinePanel.Bar(area), panel);
    }

    [Fact]
    public void The_bar_shows_events_at_their_times_the_played_part_and_the_playhead()
    {
        var status = new ReplayStatus(1000, 1 / 60.0, s_events) { Step = 300 };
        var control = new ViewerControl { Paused = true };
        var (image, bar, panel) = Draw(status, control, save: "timeline-panel.png");
        using (image)
        using (panel)
        {
            int X(long step) => (int)MathF.Round(panel.X(bar, step));
            int above = (int)bar.Top - 2, mid = (int)bar.MidY;
            Assert.Equal(TimelinePanel.CollisionColor, image.GetPixel(X(200), above));
            Assert.Equal(TimelinePanel.LapColor, image.GetPixel(X(500), above));
            Assert.Equal(TimelinePanel.OffRoadColor, image.GetPixel(X(700), above));
            Assert.Equal(TimelinePanel.PlayheadColor, image.GetPixel(X(300), mid));
            Assert.Equal(TimelinePanel.PlayedColor, image.GetPixel(X(100), mid));
            Assert.Equal(TimelinePanel.TrackColor, image.GetPixel(X(900), mid));
            // The time off the road (700..800) is shaded orange over the track; outside it is not.
            SKColor shaded = image.GetPixel(X(750), (int)bar.Top + 1);
            Assert.True(shaded.Red > 150 && shaded.Red > shaded.Blue + 60, $"off-road span {shaded}");
            Assert.Equal(TimelinePanel.TrackColor, image.GetPixel(X(850), (int)bar.Top + 1));
            // Nothing marked where nothing happened.
            Assert.NotEqual(TimelinePanel.CollisionColor, image.GetPixel(X(600), above));
            // Texts: white and grey glyphs in the top row, the green "matches" status at the right.
            Assert.True(Count(image, new SKRectI(20, 12, 400, 34), c => c.Red > 200 && c.Green > 200 && c.Blue > 200) > 60);
            Assert.True(Count(image, new SKRectI(width(image) - 260, 12, width(image) - 20, 34), c => c.Green > 180 && c.Red < 150) > 30);
        }

        static int width(SKBitmap b) => b.Width;
    }

    [Fact]
    public void A_divergence_turns_the_status_red_and_marks_its_step()
    {
        var status = new ReplayStatus(1000, 1 / 60.0, []) { Step = 100, Divergence = new ReplayDivergence(640, 1, 2, "ego position") };
        var (image, bar, panel) = Draw(status, new ViewerControl(), save: "timeline-panel-diverged.png");
        using (image)
        using (panel)
        {
            int x = (int)MathF.Round(panel.X(bar, 640));
            SKColor mark = image.GetPixel(x, (int)bar.Top - 4);
            Assert.True(mark.Red > 200 && mark.Green < 120, $"divergence mark {mark}");
            Assert.True(Count(image, new SKRectI(image.Width - 260, 12, image.Width - 20, 34), c => c.Red > 200 && c.Green < 130) > 30);
            Assert.Equal(0, Count(image, new SKRectI(image.Width - 260, 12, image.Width - 20, 34), c => c.Green > 180 && c.Red < 150));
        }
    }

    [Fact]
    public void In_a_narrow_window_the_status_shortens_and_nothing_is_drawn_outside_the_panel()
    {
        var status = new ReplayStatus(123_456, 1 / 60.0, s_events) { Step = 100_000 };
        var (image, _, panel) = Draw(status, new ViewerControl(), width: 440, save: "timeline-panel-narrow.png");
        using (image)
        using (panel)
        {
            // The short check mark sits at the right end, in green, clear of the step count.
            Assert.True(Count(image, new SKRectI(440 - 36, 12, 440 - 20, 34), c => c.Green > 180 && c.Red < 150) > 5);
            Assert.Equal(0, Count(image, new SKRectI(300, 12, 440 - 40, 34), c => c.Green > 180 && c.Red < 150));
            // The step count, which has no room left, is left out rather than drawn under it (no grey text there).
            Assert.Equal(0, Count(image, new SKRectI(300, 12, 440 - 12, 34), c => c.Red > 120 && Math.Abs(c.Red - c.Green) < 12 && Math.Abs(c.Red - c.Blue) < 16));
            // Outside the panel's area the picture behind is untouched.
            var behind = new SKColor(40, 120, 40);
            Assert.Equal(0, Count(image, new SKRectI(0, 0, 440, 10), c => c != behind));
            Assert.Equal(0, Count(image, new SKRectI(430, 0, 440, 82), c => c != behind));
        }
    }

    [Fact]
    public void Clicking_and_dragging_on_the_bar_asks_for_the_step_under_the_pointer()
    {
        var status = new ReplayStatus(1000, 1 / 60.0, s_events);
        var control = new ViewerControl();
        var area = new SKRect(10, 600, 1000, 656);
        SKRect bar = TimelinePanel.Bar(area);
        using var panel = new TimelinePanel(status, control);
        float x600 = panel.X(bar, 600);
        panel.Pointer(new PointerState(x600, bar.MidY, true), pressed: true, area);
        Assert.True(control.TakeSeek(out long? target, out double seconds, out int back));
        Assert.Equal((600L, 0.0, 0), (target, seconds, back));
        panel.Pointer(new PointerState(panel.X(bar, 250), bar.MidY - 30, true), pressed: false, area); // dragging, above the bar
        Assert.True(control.TakeSeek(out target, out _, out _));
        Assert.Equal(250, target);
        panel.Pointer(new PointerState(panel.X(bar, 250), bar.MidY, false), pressed: false, area);
        panel.Pointer(new PointerState(panel.X(bar, 900), area.Top - 200, true), pressed: true, area); // a click elsewhere
        Assert.False(control.TakeSeek(out _, out _, out _));
    }

    private static int Count(SKBitmap image, SKRectI r, Func<SKColor, bool> test)
    {
        int n = 0;
        for (int y = r.Top; y < r.Bottom; y++)
        {
            for (int x = r.Left; x < r.Right; x++)
            {
                n += test(image.GetPixel(x, y)) ? 1 : 0;
            }
        }
        return n;
    }
}
