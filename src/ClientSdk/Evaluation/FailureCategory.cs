namespace IceFarm.Client.Evaluation;

/// <summary>Whose fault a failed evaluation is.</summary>
public enum FailureCategory
{
    /// <summary>The caller: the bitstream or the arguments (it failed on two boards, or it is malformed), or the lease ended by the caller or let expire.</summary>
    User,
    /// <summary>The board (it stopped answering, crashed or was lost).</summary>
    Device,
    /// <summary>The farm (the reservation ended, a worker went away, the service failed).</summary>
    Infrastructure,
}
