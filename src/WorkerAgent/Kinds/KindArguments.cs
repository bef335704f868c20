namespace IceFarm.WorkerAgent.Kinds;

/// <summary>A kind's validated arguments; each kind has its own record.</summary>
internal abstract record KindArguments;
