namespace IceFarm.WorkerAgent.Evaluation;

/// <summary>The variance kind's fitness: the mean absolute step between consecutive ADC samples.</summary>
internal static class VarianceFitness
{
    /// <summary>Σ|s[i+1] − s[i]| / (n − 1); 0 for fewer than two samples.</summary>
    public static double Of(IReadOnlyList<int> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        long sum = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            sum += Math.Abs(samples[i] - samples[i - 1]);
        }

        return (double)sum / (samples.Count - 1);
    }
}
