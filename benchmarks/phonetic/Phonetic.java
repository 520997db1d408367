// Phonetic keys of names with the encoders Elasticsearch and Solr ship (Apache Commons
// Codec, the reference implementations): one line per encoder and spelling,
// "encoder<TAB>spelling<TAB>key|key...". A spelling per line on standard input.
//   java -cp /usr/share/java/commons-codec.jar benchmarks/phonetic/Phonetic.java < spellings
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Metaphone;
import org.apache.commons.codec.language.Nysiis;
import org.apache.commons.codec.language.RefinedSoundex;
import org.apache.commons.codec.language.Soundex;
import org.apache.commons.codec.language.bm.BeiderMorseEncoder;
import org.apache.commons.codec.language.bm.NameType;
import org.apache.commons.codec.language.bm.RuleType;

public class Phonetic {
    interface Keys {
        Set<String> of(String word) throws Exception;
    }

    static Set<String> one(String key) {
        Set<String> s = new LinkedHashSet<>();
        if (key != null && !key.isEmpty()) s.add(key);
        return s;
    }

    public static void main(String[] args) throws Exception {
        Soundex soundex = new Soundex();
        RefinedSoundex refined = new RefinedSoundex();
        Metaphone metaphone = new Metaphone();
        DoubleMetaphone doubleMetaphone = new DoubleMetaphone();
        Nysiis nysiis = new Nysiis(false);  // without the six-letter cut, as Solr's default
        BeiderMorseEncoder beiderMorse = new BeiderMorseEncoder();
        beiderMorse.setNameType(NameType.GENERIC);
        beiderMorse.setRuleType(RuleType.APPROX);
        beiderMorse.setConcat(true);

        List<String> names = new ArrayList<>();
        List<Keys> encoders = new ArrayList<>();
        names.add("Soundex");
        encoders.add(w -> one(soundex.encode(w)));
        names.add("Refined Soundex");
        encoders.add(w -> one(refined.encode(w)));
        names.add("Metaphone");
        encoders.add(w -> one(metaphone.encode(w)));
        names.add("Double Metaphone");  // primary or alternate key in common
        encoders.add(w -> {
            Set<String> s = one(doubleMetaphone.doubleMetaphone(w, false));
            s.addAll(one(doubleMetaphone.doubleMetaphone(w, true)));
            return s;
        });
        names.add("NYSIIS");
        encoders.add(w -> one(nysiis.encode(w)));
        names.add("Beider-Morse");  // generic names, approximate rules: any key in common
        encoders.add(w -> {
            Set<String> s = new LinkedHashSet<>();
            for (String k : beiderMorse.encode(w).split("\\|")) if (!k.isEmpty()) s.add(k);
            return s;
        });

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (String line; (line = in.readLine()) != null;) {
            String word = line.trim();
            if (word.isEmpty()) continue;
            // The encoders read letters only: ayn and hamza marks go.
            String letters = word.replace("'", "");
            for (int e = 0; e < encoders.size(); ++e) {
                out.append(names.get(e)).append('\t').append(word).append('\t')
                   .append(String.join("|", encoders.get(e).of(letters))).append('\n');
            }
        }
        System.out.print(out);
    }
}
