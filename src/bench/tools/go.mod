module pullsecretinjector/bench/tools

go 1.19
