// Shared data layouts; the C# side mirrors them in GpuLayouts.cs (std430, sizes checked by tests).

// Per camera (= per env = per layer) constants.
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

// One drawn object in one env: static-set parts and prop instances alike.
struct DrawRecord {
    vec4 posCos;    // xyz world position, w = cos(yaw)
    vec4 scaleSin;  // xyz scale, w = sin(yaw)
    vec4 color;     // rgb albedo
    uvec4 ids;      // x = env (layer), y = semantic class, z = instance id
};

layout(std430, set = 0, binding = 0) readonly buffer Envs { EnvData envs[]; };
layout(std430, set = 0, binding = 1) readonly buffer Records { DrawRecord records[]; };

const uint CLASS_ROAD = 1u;
const uint CLASS_LANE_MARKING = 2u;
const uint CLASS_TERRAIN = 8u;

// PCG-style 4D hash (Jarzynski & Olano 2020): counter-based, so noise is a pure function of pixel, env and seed.
uvec4 pcg4d(uvec4 v) {
    v = v * 1664525u + 1013904223u;
    v.x += v.y * v.w; v.y += v.z * v.x; v.z += v.x * v.y; v.w += v.y * v.z;
    v ^= v >> 16u;
    v.x += v.y * v.w; v.y += v.z * v.x; v.z += v.x * v.y; v.w += v.y * v.z;
    return v;
}

// Adds per-channel Gaussian noise of the env's sigma (Box-Muller on hashed uniforms). The hash uses the env's
// seed, not its layer, so an env renders the same whatever its place in a batch.
vec3 addNoise(vec3 color, uint env, uvec2 pixel) {
    float sigma = envs[env].ambient.w;
    if (sigma <= 0.0) {
        return color;
    }
    uvec4 h = pcg4d(uvec4(pixel, envs[env].misc.x, 0x9E3779B9u));
    vec4 u = (vec4(h >> 8u) + 0.5) * (1.0 / 16777216.0);
    float r1 = sqrt(-2.0 * log(u.x));
    float r2 = sqrt(-2.0 * log(u.z));
    vec3 g = vec3(r1 * cos(6.2831853 * u.y), r1 * sin(6.2831853 * u.y), r2 * cos(6.2831853 * u.w));
    return color + sigma * g;
}
