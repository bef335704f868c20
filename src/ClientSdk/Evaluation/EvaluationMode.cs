namespace IceFarm.Client.Evaluation;

/// <summary>Where each bitstream runs.</summary>
public enum EvaluationMode
{
    /// <summary>Every bitstream on every board of the lease (iCEFARM's <c>evaluateBitstreams</c>): bitstreams × boards results.</summary>
    AllBoards,
    /// <summary>Each bitstream once, on whichever board is free (throughput): one result per bitstream.</summary>
    AnyBoard,
}
