namespace IceFarm.Contracts.Http;

/// <summary>The <c>event:</c> names of the client event stream (<c>GET /api/v1/events</c>).</summary>
public static class StreamEventTypes
{
    /// <summary>A board of a reservation is ready for bitstreams.</summary>
    public const string DeviceReady = "device-ready";
    /// <summary>An evaluation produced a value.</summary>
    public const string Result = "result";
    /// <summary>An evaluation ended without a value.</summary>
    public const string EvaluationFailed = "evaluation-failed";
    /// <summary>A lease is about to expire.</summary>
    public const string ReservationEndingSoon = "reservation-ending-soon";
    /// <summary>A reservation ended.</summary>
    public const string ReservationEnded = "reservation-ended";
    /// <summary>A board of a reservation failed.</summary>
    public const string DeviceFailed = "device-failed";
    /// <summary>A healthy board of the same kind joined a reservation in place of one that failed; <c>device-ready</c> follows when it is prepared.</summary>
    public const string DeviceReplaced = "device-replaced";
    /// <summary>A board's worker restarted and prepares the board again for the same reservation; results follow.</summary>
    public const string DeviceRecovering = "device-recovering";
    /// <summary>A worker holding boards of a reservation is draining.</summary>
    public const string WorkerDraining = "worker-draining";
    /// <summary>Boards of a kind became available.</summary>
    public const string DevicesAvailable = "devices-available";
    /// <summary>
    /// The stream's first event (data <c>{}</c>, no <c>id:</c>): the subscription exists, so events of what the client
    /// does next reach it. Older servers send the comment <c>: connected</c> instead; clients accept both.
    /// </summary>
    public const string Connected = "connected";
    /// <summary>
    /// Sent when the stream is idle (data <c>{}</c>, no <c>id:</c>) so clients and proxies see a live connection; not an
    /// event of the client's feed and never a resume point. Older servers send the comment <c>: keep-alive</c> instead.
    /// </summary>
    public const string KeepAlive = "keep-alive";
}
