module templatingbench

go 1.19
