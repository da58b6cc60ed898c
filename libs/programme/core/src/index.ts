// @quartier/programme-core: pure programme logic — need-based allocation, attainment, programme-area rules, measure workflow. No I/O, no framework.
