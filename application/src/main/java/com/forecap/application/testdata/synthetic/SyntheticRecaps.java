package com.forecap.application.testdata.synthetic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;

/**
 * Deterministic synthetic recaps following the contract's test-data distribution: the same seed and
 * user id always give the same recap, whichever process, thread or order asks. The embedded store and
 * the database generator both use it, so a user looks the same in every mode.
 *
 * <p>Distribution of {@code trxCount}: 50 % 0-10, 30 % 11-50, 15 % 51-200, 5 % 201-1000, each
 * uniform within its band. Derived fields follow the contract (section 5). Thread-safe.
 */
public final class SyntheticRecaps {

    /** The seed used when none is configured. */
    public static final long DEFAULT_SEED = 2025L;

    /** The distribution of {@code trxCount}, the one place it is defined. */
    private static final TrxBand[] TRX_BANDS = {
        new TrxBand(50, 0, 10), new TrxBand(30, 11, 50), new TrxBand(15, 51, 200), new TrxBand(5, 201, 1000),
    };

    private static final String[] FIRST_NAMES = {
        "Adi", "Agus", "Ahmad", "Andi", "Anisa", "Ayu", "Bambang", "Bayu", "Budi", "Citra",
        "Dedi", "Dewi", "Dian", "Eka", "Fajar", "Fitri", "Gita", "Hadi", "Hendra", "Indah",
        "Intan", "Joko", "Kartika", "Lestari", "Maya", "Nur", "Putri", "Rahmat", "Rina", "Rizky",
        "Sari", "Siti", "Sri", "Teguh", "Tri", "Wahyu", "Wulan", "Yanti", "Yudi", "Yusuf"
    };

    private static final String[] PRODUCTS = {
        "Kopi Susu Gula Aren", "Americano", "Cafe Latte", "Cappuccino", "Caramel Macchiato",
        "Es Kopi Susu", "Matcha Latte", "Chocolate Frappe", "Kopi Tubruk", "Vanilla Latte",
        "Hazelnut Latte", "Red Velvet Latte"
    };

    private static final String[] STORES = {
        "Forecap Sudirman", "Forecap Kemang", "Forecap Senayan City", "Forecap Kota Kasablanka",
        "Forecap Bandung Dago", "Forecap Surabaya Tunjungan", "Forecap Yogyakarta Malioboro",
        "Forecap Bali Seminyak", "Forecap Medan Merdeka", "Forecap Makassar Losari"
    };

    /**
     * Image paths, relative to the app's image host: they repeat in every row and every cached recap,
     * so they are kept short.
     */
    private static final String IMAGE_BASE = "/img/";
    private static final String[] PRODUCT_IMAGES = images("p", PRODUCTS.length);
    private static final String[] STORE_IMAGES = images("s", STORES.length);
    /** At most this many product images in the circle. */
    private static final int CIRCULAR_IMAGES = 3;

    private static final Comparator<Favorite> BY_COUNT = Comparator.comparingInt(Favorite::count).reversed();

    private final long seed;

    /**
     * Creates a generator.
     *
     * @param seed selects the data set; the same seed gives the same users
     */
    public SyntheticRecaps(long seed) {
        this.seed = seed;
    }

    /**
     * The seed of this data set.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The recap of one user.
     *
     * @param userId the user
     * @return the same recap for the same seed and user, every time
     */
    public UserRecap recapOf(UserId userId) {
        SplittableRandom random = new SplittableRandom(mix(seed, userId.value()));
        String userName = pick(random, FIRST_NAMES) + " " + pick(random, FIRST_NAMES);
        int trx = trxCount(random);
        int variants = trx == 0 ? 0 : 1 + random.nextInt(Math.min(10, trx));
        long points = (long) trx * (8 + random.nextInt(8));
        long redeem = points / 25;
        int rewardIndex = random.nextInt(PRODUCTS.length);
        String reward = PRODUCTS[rewardIndex];
        String description = redeem > 0
                ? "Poin kamu cukup untuk " + redeem + "x " + reward
                : "Kumpulkan 25 poin untuk menukar 1 " + reward;
        int delivery = trx * (30 + random.nextInt(41)) / 100;
        Integer ranking = trx > 100 ? 1 + random.nextInt(1000) : null;
        String subsDesc = null;
        BigDecimal subsAmount = null;
        if (trx > 50) {
            int amount = 100_000 + random.nextInt(400_001);
            subsDesc = Math.round(amount / 1000.0) + "rb Rupiah";
            subsAmount = BigDecimal.valueOf(amount).setScale(2);
        }
        List<Favorite> products = trx == 0 ? null : favorites(random, trx, PRODUCTS, PRODUCT_IMAGES, 5);
        List<Favorite> stores = trx == 0 ? null : favorites(random, trx, STORES, STORE_IMAGES, 3);
        return new UserRecap(userName, trx, (long) variants, points, description, redeem, reward,
                PRODUCT_IMAGES[rewardIndex], (long) delivery, (long) (trx - delivery), subsDesc, subsAmount,
                ranking == null ? null : ranking.longValue(),
                products == null ? null : circularImages(products),
                products == null ? null : favoritesJson(products, "productName", "countCups", "productImage"),
                stores == null ? null : favoritesJson(stores, "storeName", "transactionCount", "storeImage"));
    }

    private static int trxCount(SplittableRandom random) {
        int pick = random.nextInt(100);
        for (TrxBand band : TRX_BANDS) {
            if (pick < band.percent()) {
                return random.nextInt(band.min(), band.max() + 1);
            }
            pick -= band.percent();
        }
        throw new IllegalStateException("the trx bands' shares add up to " + (100 - pick) + " %, not 100");
    }

    /**
     * The share of users whose {@code trxCount} falls in a range, derived from the bands they are drawn from.
     *
     * @param range a range the guide reports on
     * @return a fraction between 0 and 1
     */
    public static double expectedShare(TrxRange range) {
        double share = 0;
        for (TrxBand band : TRX_BANDS) {
            long overlap = Math.min(band.max(), range.max()) - Math.max(band.min(), range.min()) + 1;
            if (overlap > 0) {
                share += band.percent() / 100.0 * overlap / (band.max() - band.min() + 1);
            }
        }
        return share;
    }

    /** Users are drawn into a band by its share in percent, then uniformly between its bounds. */
    private record TrxBand(int percent, int min, int max) {
    }

    /** One to {@code most} distinct entries of a table with 1..trx each, largest count first. */
    private static List<Favorite> favorites(SplittableRandom random, int trx, String[] names, String[] images, int most) {
        int count = 1 + random.nextInt(most);
        int[] picks = distinct(random, names.length, count);
        List<Favorite> list = new ArrayList<>(count);
        for (int index : picks) {
            list.add(new Favorite(names[index], 1 + random.nextInt(trx), images[index]));
        }
        list.sort(BY_COUNT);
        return list;
    }

    /*
     * The lists are written as JSON here, compactly, in the shape the warehouse export uses. Every
     * string comes from the tables above, which hold no character JSON would need escaped (a test
     * parses the output), so no escaping is done.
     */

    private static JsonArrayText circularImages(List<Favorite> products) {
        StringBuilder json = new StringBuilder(64).append('[');
        for (int i = 0; i < Math.min(CIRCULAR_IMAGES, products.size()); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(products.get(i).image()).append('"');
        }
        return new JsonArrayText(json.append(']').toString());
    }

    private static JsonArrayText favoritesJson(List<Favorite> favorites, String nameKey, String countKey, String imageKey) {
        StringBuilder json = new StringBuilder(256).append('[');
        for (Favorite favorite : favorites) {
            json.append(json.length() == 1 ? "{\"" : ",{\"").append(nameKey).append("\":\"").append(favorite.name())
                    .append("\",\"").append(countKey).append("\":").append(favorite.count())
                    .append(",\"").append(imageKey).append("\":\"").append(favorite.image()).append("\"}");
        }
        return new JsonArrayText(json.append(']').toString());
    }

    /** Picks {@code count} distinct indexes below {@code bound} (partial Fisher-Yates). */
    private static int[] distinct(SplittableRandom random, int bound, int count) {
        int[] all = new int[bound];
        for (int i = 0; i < bound; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(bound - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] picks = new int[count];
        System.arraycopy(all, 0, picks, 0, count);
        return picks;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Spreads seed and id over 64 bits (the SplitMix64 finaliser) so neighbouring ids are unrelated. */
    private static long mix(long seed, long id) {
        long z = seed * 0x9E3779B97F4A7C15L + id;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String[] images(String folder, int count) {
        String[] urls = new String[count];
        for (int i = 0; i < count; i++) {
            urls[i] = IMAGE_BASE + folder + (i + 1) + ".png";
        }
        return urls;
    }

    /** A favourite product or store before it is written as JSON. */
    private record Favorite(String name, int count, String image) {
    }
}
