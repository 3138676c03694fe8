using Simulator.Driving.Env;

namespace Simulator.Viewer.Export;

/// <summary>The numbers the export HUD shows for one frame: the env's info after the step, the action that led to it,
/// that step's reward and the return so far.</summary>
public readonly record struct ExportFrameInfo(EnvInfo Info, DrivingAction Action, float StepReward, double Return);
