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
    /// <summary>First on every stream, without an id: the subscription exists, so the client may act now.</summary>
    public const string Connected = "connected";
    /// <summary>Sent without an id while a stream is idle, so proxies and the client see it is alive.</summary>
    public const string KeepAlive = "keep-alive";
}
