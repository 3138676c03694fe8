// Fragment outputs: colour always; depth (m), class and instance id only in the FULL_OUTPUTS variant.
layout(location = 0) out vec4 outColor;
#ifdef FULL_OUTPUTS
layout(location = 1) out float outDepth;
layout(location = 2) out uint outClass;
layout(location = 3) out uint outInstance;
#endif

void writeOutputs(vec3 color, float depth, uint cls, uint instance) {
    outColor = vec4(clamp(color, 0.0, 1.0), 1.0);
#ifdef FULL_OUTPUTS
    outDepth = depth;
    outClass = cls;
    outInstance = instance;
#endif
}
