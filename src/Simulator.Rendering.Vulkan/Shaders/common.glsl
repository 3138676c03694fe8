// Shared data layouts; the C# side mirrors them in GpuLayouts.cs (std430, sizes checked by tests).

// Per camera (= per env) constants.
struct EnvData {
    mat4 viewProj;
    vec4 cameraPos;      // xyz world position, w = far plane (m)
    vec4 cameraForward;  // xyz unit view direction, w = near plane (m)
    vec4 cameraRight;    // xyz unit, w = tan(horizontal half FOV)
    vec4 cameraDown;     // xyz unit, w = tan(vertical half FOV)
    vec4 sunDir;         // xyz unit vector towards the sun, w = sun intensity
    vec4 sunColor;       // rgb, w = exponential fog density (1/m)
    vec4 ambient;        // rgb, w = Gaussian noise sigma (colour units 0..1)
    vec4 fogColor;       // rgb
    vec4 skyZenith;      // rgb
    vec4 skyHorizon;     // rgb
    vec4 roadTint;       // rgb multiplier for road surfaces
    vec4 grassTint;      // rgb multiplier for terrain
    vec4 skyTint;        // rgb multiplier for the sky
    uvec4 misc;          // x = noise seed, y = layer inside the env's render pass
};

layout(std430, set = 0, binding = 0) readonly buffer Envs { EnvData envs[]; };
