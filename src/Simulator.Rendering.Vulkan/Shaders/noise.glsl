// Per-pixel camera noise shared by the fragment shaders (no buffer access: inputs come from the vertex stage).

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
vec3 addNoise(vec3 color, float sigma, uint seed, uvec2 pixel) {
    if (sigma <= 0.0) {
        return color;
    }
    uvec4 h = pcg4d(uvec4(pixel, seed, 0x9E3779B9u));
    vec4 u = (vec4(h >> 8u) + 0.5) * (1.0 / 16777216.0);
    float r1 = sqrt(-2.0 * log(u.x));
    float r2 = sqrt(-2.0 * log(u.z));
    vec3 g = vec3(r1 * cos(6.2831853 * u.y), r1 * sin(6.2831853 * u.y), r2 * cos(6.2831853 * u.w));
    return color + sigma * g;
}
