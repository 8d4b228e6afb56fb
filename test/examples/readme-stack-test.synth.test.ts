// The README's "Testing your stacks" snippet is a jest suite of its own (examples/readme/golden-images-spec.ts):
// importing it here registers its tests, so they run as a user's would.
import '../../examples/readme/golden-images-spec';
