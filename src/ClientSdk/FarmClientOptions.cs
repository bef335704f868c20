namespace IceFarm.Client;

/// <summary>Where the farm is, who is calling, and how patient the client is.</summary>
public sealed class FarmClientOptions
{
    /// <summary>Base address of the ReservationService, such as <c>http://localhost:8080/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The client token an admin issued.</summary>
    public string? Token { get; set; }

    /// <summary>Deadline of one ordinary API call (not of the event stream).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long the event stream may stay silent before the client considers it dead and resumes it.
    /// Any bytes count: the farm sends a keep-alive every 15 s when idle (a comment from older servers, a <c>keep-alive</c> event from newer ones), so three missed keep-alives mean a dead connection.
    /// </summary>
    public TimeSpan EventStreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Longest pause between two attempts to resume a dropped event stream (the pause doubles from 100 ms up to this).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a call keeps retrying while the farm is briefly unavailable (503 with <c>Retry-After</c> while its database
    /// restarts, 502/504 from a proxy, no connection while the service restarts), counted from its first attempt; then
    /// the last answer stands (a <see cref="FarmApiException"/>) or the connection error is thrown. <see cref="TimeSpan.Zero"/>: no retries.
    /// </summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock for lease extension and result deadlines; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

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

        if (RequestTimeout <= TimeSpan.Zero || EventStreamIdleTimeout <= TimeSpan.Zero || MaxReconnectDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("FarmClientOptions timeouts must be positive.");
        }

        if (MaxRetryTime < TimeSpan.Zero)
        {
            throw new ArgumentException("FarmClientOptions.MaxRetryTime must not be negative.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
