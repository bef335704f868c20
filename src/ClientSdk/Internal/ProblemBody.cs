namespace IceFarm.Client.Internal;

/// <summary>The two fields of the farm's ProblemDetails (RFC 9457) the SDK reports: the type, whose last segment is the code, and the detail.</summary>
internal sealed record ProblemBody(string? Type, string? Detail);
