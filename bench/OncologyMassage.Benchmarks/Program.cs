using OncologyMassage.Benchmarks;

// dotnet run -c Release --project bench/OncologyMassage.Benchmarks [-- --big 100000 --small 100 --calls 30]
return await PipelineBenchmark.RunAsync(args);
