package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The verdict of one direction of a cell: ingress is decided at the target, egress at the source.
 *
 * @param direction ingress or egress
 * @param applies false when that end is no pod of the model (an external IP): no policy of this
 *                direction can apply, so it allows
 * @param selectedBy the policies isolating that pod in this direction, sorted by namespace/name;
 *                   empty means it is open in this direction
 * @param admissions every rule that admits the cell, in the order of {@code selectedBy} and the rules
 * @param rulesInWords what each selecting policy admits in this direction, same order
 * @param misses near misses in words (a rule whose peer matched but no port entry, a named port that
 *               does not resolve on the target)
 * @param text this direction's explanation
 */
@API(status = INTERNAL, since = "0.1")
public record DirectionVerdict(Direction direction, boolean applies, List<String> selectedBy,
                               List<Admission> admissions, List<String> rulesInWords, List<String> misses,
                               String text) {

    public DirectionVerdict {
        selectedBy = List.copyOf(selectedBy);
        admissions = List.copyOf(admissions);
        rulesInWords = List.copyOf(rulesInWords);
        misses = List.copyOf(misses);
    }

    /** Open (not applicable or not isolated) or admitted by some rule. */
    public boolean allowed() {
        return !applies || selectedBy.isEmpty() || !admissions.isEmpty();
    }
}
