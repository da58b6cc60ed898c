// The bundle's entry: the script is loaded with `defer`, so the page is parsed when it runs.
import { bootFormRuntime } from './form-runtime';

bootFormRuntime();
