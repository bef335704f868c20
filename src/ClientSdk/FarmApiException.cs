namespace IceFarm.Client;

/// <summary>The farm refused a call; <see cref="Code"/> is the stable end of the ProblemDetails type (such as <c>not-enough-devices</c>).</summary>
public sealed class FarmApiException : Exception
{
    /// <summary>Creates the exception from an HTTP status and a ProblemDetails.</summary>
    public FarmApiException(int status, string? code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The problem code, when the farm sent one.</summary>
    public string? Code { get; }
}
