using OncologyMassage.Benchmarks;
using OncologyMassage.Benchmarks.Lifecycle;

// dotnet run -c Release --project bench/OncologyMassage.Benchmarks [-- --big 100000 --small 100 --calls 30]
// dotnet run -c Release --project bench/OncologyMassage.Benchmarks -- lifecycle [--journeys 20 --posts 60 --idle-seconds 60 --no-docs]
// dotnet run -c Release --project bench/OncologyMassage.Benchmarks -- lifecycle-post [--posts 20 --concurrency 1 --gap-ms 0]
return args.FirstOrDefault() switch
{
    "lifecycle" => await LifecycleBenchmark.RunAsync(args[1..]),
    "lifecycle-post" => await PostProfile.RunAsync(args[1..]),
    _ => await PipelineBenchmark.RunAsync(args),
};
