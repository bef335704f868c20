namespace IceFarm.Client;

/// <summary>Where the farm is and who is calling.</summary>
public sealed class FarmClientOptions
{
    /// <summary>Base address of the ReservationService, such as <c>http://localhost:8080/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The client token an admin issued.</summary>
    public string? Token { get; set; }

    /// <summary>Deadline of one ordinary API call (not of the event stream).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Options from <c>ICEFARM_URL</c> and <c>ICEFARM_TOKEN</c>.</summary>
    public static FarmClientOptions FromEnvironment() => new()
    {
        BaseAddress = Environment.GetEnvironmentVariable("ICEFARM_URL") is { Length: > 0 } url ? new Uri(url) : null,
        Token = Environment.GetEnvironmentVariable("ICEFARM_TOKEN"),
    };

    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("FarmClientOptions.BaseAddress must be an absolute URI (or set ICEFARM_URL).");
        }

        if (string.IsNullOrWhiteSpace(Token))
        {
            throw new ArgumentException("FarmClientOptions.Token is required (or set ICEFARM_TOKEN).");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("FarmClientOptions.RequestTimeout must be positive.");
        }
    }
}
