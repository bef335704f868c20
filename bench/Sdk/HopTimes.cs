namespace IceFarm.Bench.Sdk;

/// <summary>
/// Where one evaluation was when, as <see cref="System.Diagnostics.Stopwatch"/> timestamps (0 = not seen), from the SDK's
/// upload to the SDK handing the result to the caller. Each field is written once, by the hop that owns it.
/// </summary>
internal sealed class HopTimes
{
    /// <summary>The SDK starts the POST that carries this bitstream.</summary>
    public long SubmitStart { get; set; }

    /// <summary>The SDK has the POST's 202 answer.</summary>
    public long SubmitAnswered { get; set; }

    /// <summary>The service's pipeline has the upload (headers read; the body may still be arriving).</summary>
    public long RequestStart { get; set; }

    /// <summary>Postgres time of that upload before this send.</summary>
    public double RequestDbMs { get; set; }

    /// <summary>Postgres commands of that upload before this send.</summary>
    public int RequestDbCommands { get; set; }

    /// <summary>The service starts sending <c>EvaluateBitstream</c> to the worker's queue.</summary>
    public long SendStart { get; set; }

    /// <summary>The broker confirmed that send.</summary>
    public long SendEnd { get; set; }

    /// <summary>The worker's consumer has the command (it queues it on the board's actor).</summary>
    public long WorkerConsumed { get; set; }

    /// <summary>The board's result line was read (the result's own <c>At</c>, moved onto this clock).</summary>
    public long ResultRead { get; set; }

    /// <summary>The worker's event pump publishes <c>EvaluationCompleted</c>.</summary>
    public long WorkerPublished { get; set; }

    /// <summary>The service's results consumer has it.</summary>
    public long ResultConsumed { get; set; }

    /// <summary>The consumer finished: the client event is stored and handed to the stream.</summary>
    public long ResultStored { get; set; }

    /// <summary>The SDK yielded the result to the caller.</summary>
    public long Yielded { get; set; }

    /// <summary>Transfer time the firmware reported for this bitstream, in microseconds.</summary>
    public long? TransferMicroseconds { get; set; }

    /// <summary>The board that ran it.</summary>
    public string Serial { get; set; } = "";

    /// <summary>How many bitstreams the POST that carried this one held.</summary>
    public int PostSize { get; set; }
}
