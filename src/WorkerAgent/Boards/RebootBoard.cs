namespace IceFarm.WorkerAgent.Boards;

/// <summary>Reflash the board's current firmware; a reservation and its queued evaluations stay.</summary>
/// <param name="RequestedBy">Who asked, for the reason.</param>
internal sealed record RebootBoard(string RequestedBy) : BoardCommand;
