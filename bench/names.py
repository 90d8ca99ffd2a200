"""Vietnamese content tables for the generated data: people, places, categories, goods, outlets.

The outlets are the demo seed's own table (plain data, imported); the category tree and the goods
follow the seed, and the rest (product names, summaries) widens it to 100,000 products.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.seed.data.outlets import OUTLETS as OUTLETS
from app.seed.specs import OUTLET_NAME as OUTLET_NAME
from app.seed.specs import PROVINCE_CODE as PROVINCE_CODE

# People -------------------------------------------------------------------------------------

SURNAMES = (
    ("Nguyễn", 32), ("Trần", 12), ("Lê", 10), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 5), ("Phan", 4),
    ("Vũ", 4), ("Võ", 4), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 2), ("Ngô", 2), ("Dương", 2),
    ("Lý", 1), ("Trương", 1), ("Lâm", 1), ("Điểu", 1),
)  # fmt: skip
WOMEN_MIDDLE = ("Thị", "Thị", "Thị", "Thị Thu", "Thị Thanh", "Thị Kim", "Thị Mỹ", "Thị Ngọc", "Thị Bích",
                "Thị Hồng", "Thị Minh", "Ngọc", "Thùy", "Phương")  # fmt: skip
WOMEN_GIVEN = ("Lan", "Hoa", "Hà", "Hương", "Mai", "Linh", "Ngọc", "Nhung", "Oanh", "Tâm", "Thảo", "Trang", "Yến",
               "Loan", "Hạnh", "Phương", "Dung", "Hằng", "Huyền", "Liên", "Nga", "Quyên", "Thủy", "Vân", "Xuân",
               "Diệp", "My", "Nhi", "Trinh", "Uyên", "Sen", "Duyên", "Chi", "Hân", "Hường", "Thư", "Ánh",
               "Đào")  # fmt: skip
MEN_MIDDLE = ("Văn", "Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công")
MEN_GIVEN = ("Hùng", "Dũng", "Nam", "Tuấn", "Long", "Phúc", "Khoa", "Bảo", "Hải", "Sơn", "Thắng", "Trung", "Tài",
             "Lộc", "Nghĩa", "Quang", "Vinh", "Hiếu")  # fmt: skip
STREETS = ("Cách Mạng Tháng Tám", "Hùng Vương", "Lê Duẩn", "Nguyễn Huệ", "Trần Hưng Đạo", "Phạm Văn Thuận",
           "Đồng Khởi", "Nguyễn Ái Quốc", "Võ Thị Sáu", "Lê Lợi", "Hai Bà Trưng", "Nguyễn Trãi", "Quang Trung",
           "Phú Riềng Đỏ", "Tôn Đức Thắng", "29 Tháng 4", "Lý Thường Kiệt", "Nguyễn Văn Trị")  # fmt: skip
HAMLETS = ("Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Bình Hòa", "Ấp Trung Hưng", "Ấp Bảo Định", "Khu phố 1",
           "Khu phố 2", "Khu phố 3", "Khu phố 5", "Thôn 4", "Tổ 3", "Tổ 7", "Ấp Bù Núi")  # fmt: skip
MOBILE_PREFIXES = ("090", "091", "093", "094", "096", "097", "098", "086", "088", "070", "077", "078", "035", "038")

# Sellers ------------------------------------------------------------------------------------

# kind, weight, name pattern, members range
SELLER_KINDS = (
    ("cooperative", 12, "HTX {trade} Phụ nữ {place}", (7, 60)),
    ("cooperative_group", 18, "Tổ hợp tác {trade} Phụ nữ {place}", (5, 30)),
    ("linkage_group", 30, "Tổ liên kết Phụ nữ {trade_lower} {place}", (6, 40)),
    ("household", 25, "Hộ kinh doanh {trade} {given}", (2, 6)),
    ("individual", 15, "Chị {person} – {trade} {place}", (1, 1)),
)
SELLER_STATUSES = (("approved", 86), ("suspended", 5), ("pending", 5), ("rejected", 2), ("draft", 2))
SUSPEND_REASONS = (
    "Tạm ngưng để bổ sung giấy chứng nhận an toàn thực phẩm.",
    "Nhiều phản ánh giao hàng không đúng khối lượng; chờ hội xác minh.",
    "Hộ kinh doanh tạm nghỉ bán trong mùa mưa.",
)
REJECT_REASONS = ("Hồ sơ chưa có giấy đăng ký kinh doanh.", "Sản phẩm chưa có nguồn gốc rõ ràng.")
STORIES = (
    "Các chị em trong {org} cùng nhau sản xuất {goods}, được Hội LHPN hỗ trợ vốn vay và tập huấn kỹ thuật. "
    "Sản phẩm được đưa thẳng đến các cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp trong tỉnh.",
    "Từ nguồn vốn của Chương trình hỗ trợ phụ nữ khởi nghiệp, {org} mở rộng sản xuất {goods}, tạo việc làm "
    "tại chỗ cho chị em không đủ điều kiện vào làm ở công ty, xí nghiệp.",
    "{org} được thành lập năm {year}, nay có {members} thành viên. Chị em làm {goods} theo quy trình sạch, "
    "ghi nhật ký sản xuất đầy đủ và nhận tiền bán hàng qua mã QR.",
    "Đầu ra ổn định nhờ các cửa hàng của Hội, {org} không còn bị thương lái ép giá. {goods_cap} được đóng "
    "gói có tem truy xuất nguồn gốc.",
)

# Categories (as the demo seed) ---------------------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name_vi: str
    name_en: str
    children: tuple[CategorySpec, ...] = ()


C = CategorySpec
CATEGORIES: tuple[CategorySpec, ...] = (
    C("rau-cu-qua", "Rau củ quả", "Vegetables & fruit", (
        C("rau-an-la", "Rau ăn lá", "Leafy greens"),
        C("cu-qua", "Củ quả", "Roots & fruiting vegetables"),
        C("trai-cay", "Trái cây", "Fruit"),
    )),
    C("ao-thun-may-mac", "Áo thun & may mặc", "T-shirts & clothing", (
        C("ao-thun", "Áo thun", "T-shirts"),
        C("bao-tay-do-bao-ho", "Bao tay & đồ bảo hộ", "Gloves & workwear"),
    )),
    C("yen-sao", "Yến sào", "Bird's nest"),
    C("nam-dong-trung-ha-thao", "Nấm & đông trùng hạ thảo", "Mushrooms & cordyceps", (
        C("nam-an", "Nấm ăn", "Edible mushrooms"),
        C("dong-trung-ha-thao", "Đông trùng hạ thảo", "Cordyceps"),
    )),
    C("hat-dieu", "Hạt điều", "Cashew nuts"),
    C("thuc-pham-che-bien", "Thực phẩm chế biến", "Processed foods", (
        C("do-kho-gia-vi", "Đồ khô & gia vị", "Dried goods & spices"),
        C("banh-mut", "Bánh mứt", "Cakes & sweets"),
    )),
    C("thu-cong-my-nghe", "Thủ công mỹ nghệ", "Handicrafts", (
        C("may-tre-dan", "Mây tre đan", "Rattan & bamboo"),
        C("tho-cam", "Thổ cẩm", "Brocade"),
    )),
)  # fmt: skip

_PRODUCE = "Sản phẩm bán theo ký: khối lượng thực tế có thể chênh lệch nhẹ, cửa hàng cân lại khi giao."
CATEGORY_NOTES: dict[str, str] = {
    "rau-an-la": "Rau được cắt vào sáng sớm, sơ chế nhẹ và đưa đến cửa hàng trong ngày. Bảo quản ngăn mát tủ "
    "lạnh, dùng ngon nhất trong 2–3 ngày. " + _PRODUCE,
    "cu-qua": "Củ quả được thu hoạch đúng độ chín, lựa bỏ trái dập trước khi đóng túi. Để nơi thoáng mát hoặc "
    "ngăn mát tủ lạnh. " + _PRODUCE,
    "trai-cay": "Trái chín cây, hái đến đâu giao đến đó, không dùng chất kích thích chín. Trái cây có thể khác "
    "nhau chút ít về kích cỡ và màu vỏ theo mùa. " + _PRODUCE,
    "ao-thun": "Vải cotton 2 chiều thấm hút mồ hôi, đường may chắc chắn, được kiểm tra từng chiếc trước khi "
    "đóng túi. Giặt bằng nước lạnh, lộn trái khi phơi để giữ màu.",
    "bao-tay-do-bao-ho": "Làm tại nhà bởi chị em trong tổ, kiểm tra từng đôi trước khi đóng gói. Rửa sạch sau "
    "khi dùng, phơi nơi thoáng mát.",
    "yen-sao": "Yến được nhặt lông bằng tay, không tẩy trắng, không pha trộn. Ngâm yến 30–60 phút cho nở, chưng "
    "cách thủy 20–30 phút cùng đường phèn. Hộp có tem truy xuất nguồn gốc.",
    "nam-an": "Nấm được hái buổi sáng, đóng túi giữ lạnh và giao trong ngày. Nấm tươi để ngăn mát, dùng trong "
    "2–3 ngày; nấm khô để nơi khô ráo, đậy kín.",
    "dong-trung-ha-thao": "Nuôi cấy trong phòng sạch, sấy ở nhiệt độ thấp để giữ dưỡng chất. Thực phẩm này "
    "không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh.",
    "hat-dieu": "Điều nguyên liệu từ vườn của hội viên; bóc tách thủ công, rang và đóng gói trong ngày. Túi zip "
    "giữ giòn, hạn sử dụng 6 tháng kể từ ngày đóng gói.",
    "do-kho-gia-vi": "Đóng gói tại cơ sở, nhãn ghi rõ ngày sản xuất và hạn sử dụng. Bảo quản nơi khô ráo, "
    "thoáng mát, đậy kín sau khi dùng.",
    "banh-mut": "Làm thủ công theo mẻ nhỏ, không dùng chất bảo quản, nên dùng trong vòng 1 tháng.",
    "may-tre-dan": "Đan tay hoàn toàn từ mây, tre phơi khô tự nhiên, xử lý chống mốc an toàn. Mỗi sản phẩm có "
    "chút khác biệt về màu và vân vì làm thủ công.",
    "tho-cam": "Dệt tay trên khung dệt truyền thống, sợi cotton nhuộm màu bền. Giặt tay nhẹ nhàng bằng nước "
    "lạnh, phơi trong bóng râm.",
}

# Goods --------------------------------------------------------------------------------------

# Variant schemes: (label, grams, price factor against the product's base price).
WEIGHED = (("Túi 300 g", 300, 0.3), ("Túi 500 g", 500, 0.5), ("1 kg", 1000, 1.0), ("Thùng 5 kg", 5000, 4.75))
SIZES = (("Size S", 200, 1.0), ("Size M", 215, 1.0), ("Size L", 230, 1.0), ("Size XL", 245, None))
KIDS = (("Size 2–3 tuổi", 120, 1.0), ("Size 4–5 tuổi", 135, 1.0), ("Size 6–7 tuổi", 150, 1.0),
        ("Size 8–9 tuổi", 165, 1.0))  # fmt: skip
NEST = (("Hộp 50 g", 120, 0.52), ("Hộp 100 g", 200, 1.0), ("Hộp quà 200 g", 650, 2.05))
CORDYCEPS = (("Hũ 10 g", 60, 1.0), ("Hũ 20 g", 90, 1.9), ("Hũ 50 g", 180, 4.7))
BAGS = (("Túi 200 g", 200, 0.2), ("Túi 250 g", 250, 0.25), ("Túi 500 g", 500, 0.5), ("Túi 1 kg", 1000, 0.97))
JARS = (("Hũ 150 g", 150, 0.3), ("Hũ 200 g", 200, 0.4), ("Hũ 500 g", 500, 0.95))
BOTTLES = (("Chai 250 ml", 280, 1.0), ("Hộp 6 chai", 1700, 5.6), ("Thùng 24 chai", 6800, 21.0))
PIECES = (("Cỡ vừa", 450, 1.0), ("Cỡ lớn", 600, 1.3), ("Cỡ nhỏ", 300, 0.75))
PAIRS = (("Gói 1 đôi", 70, 1.0), ("Gói 5 đôi", 350, 4.6), ("Gói 12 đôi", 840, 10.0))
BOXES = (("Hộp 100 g", 180, 1.0), ("Hộp 300 g", 400, 2.8))


@dataclass(frozen=True)
class Goods:
    """How the products of one leaf category are named, packed and priced."""

    category: str
    weight: int  # share of the catalog
    unit: str
    variants: tuple
    price: tuple[int, int]  # base price range in đồng (per kg for goods sold by weight)
    names: tuple[str, ...]
    qualifiers: tuple[str, ...]
    summaries: tuple[str, ...]
    certs: tuple[tuple[str, float], ...] = ()
    ocop: float = 0.0  # share rated OCOP


PRODUCE_QUALIFIERS = ("VietGAP", "hữu cơ", "sạch", "loại 1", "vườn nhà", "thủy canh", "", "", "")
PRODUCE_SUMMARIES = (
    "{name} tươi, cắt buổi sáng tại vườn của chị em ở {place}, đưa đến cửa hàng trong ngày.",
    "{name} trồng theo quy trình an toàn, không dùng thuốc kích thích, giòn ngọt tự nhiên.",
    "{name} thu hoạch đúng độ, lựa kỹ từng túi, hợp nấu canh, xào hay ăn sống.",
    "{name} của tổ phụ nữ {place}, bón phân hữu cơ ủ tại chỗ, hạn chế tối đa thuốc bảo vệ thực vật.",
)
FRUIT_SUMMARIES = (
    "{name} chín cây, ngọt thanh, hái đến đâu giao đến đó từ vườn {place}.",
    "{name} trái đều, vỏ mỏng, cơm dày, thu hoạch chính vụ.",
    "{name} đặc sản {place}, không dùng chất kích thích chín, đóng thùng cẩn thận.",
)
CLOTHING_SUMMARIES = (
    "{name} vải cotton mềm, thấm hút tốt, may tại tổ may phụ nữ {place}.",
    "{name} form suông dễ mặc, đường may chắc chắn, kiểm tra từng chiếc trước khi gấp túi.",
    "{name} bền màu, mặc đi làm, đi chợ hay đồng phục chi hội đều hợp.",
)
WORKWEAR_SUMMARIES = (
    "{name} làm tại nhà bởi chị em tổ liên kết {place}, dày dặn, dùng lâu.",
    "{name} chống trơn, ôm tay, hợp việc nhà, làm vườn và cạo mủ cao su.",
)
NEST_SUMMARIES = (
    "{name} từ nhà yến ở {place}, nhặt lông thủ công bằng nhíp, không tẩy trắng.",
    "{name} sợi dày, nở đều, thơm nhẹ, đóng hộp có tem truy xuất nguồn gốc.",
    "{name} khai thác đúng mùa, làm sạch tại hợp tác xã phụ nữ {place}.",
)
MUSHROOM_SUMMARIES = (
    "{name} hái buổi sáng tại trại nấm của chị em {place}, giòn ngọt, giao trong ngày.",
    "{name} trồng trên mùn cưa cao su và rơm rạ sạch, hợp xào, nấu lẩu và món chay.",
)
CORDYCEPS_SUMMARIES = (
    "{name} nuôi cấy trong phòng sạch tại {place}, sấy lạnh giữ màu cam và hương thơm.",
    "{name} pha trà, chưng yến hay hầm gà đều tiện; người lớn dùng 3–5 g mỗi ngày.",
)
CASHEW_SUMMARIES = (
    "{name} từ điều {place}, bóc tách thủ công, rang trong ngày, giòn bùi.",
    "{name} loại 1, hạt đều, đóng túi zip giữ giòn, hợp làm quà biếu.",
    "{name} rang củi theo cách truyền thống, thơm khói nhẹ, vỏ lụa giòn.",
)
PROCESSED_SUMMARIES = (
    "{name} làm tay theo mẻ nhỏ tại {place}, không phẩm màu, không chất bảo quản.",
    "{name} đóng hũ thủy tinh, nhãn ghi rõ ngày sản xuất và hạn sử dụng.",
    "{name} công thức gia truyền của chị em {place}, vị đậm đà, ăn với cơm, xôi, bánh mì.",
)
CRAFT_SUMMARIES = (
    "{name} đan tay từ mây, tre phơi khô tự nhiên tại {place}, chắc chắn, bền đẹp.",
    "{name} làm thủ công nên mỗi chiếc có chút khác biệt về màu và vân, làm quà tặng ý nghĩa.",
)
BROCADE_SUMMARIES = (
    "{name} dệt tay trên khung dệt truyền thống của đồng bào S'tiêng, hoa văn kể chuyện núi rừng.",
    "{name} sợi cotton nhuộm màu bền, may viền chắc chắn, làm quà tặng ý nghĩa.",
)
COLOURS = ("màu trắng", "màu hồng phấn", "màu xanh ngọc", "màu vàng chanh", "màu đen", "màu xám", "màu đỏ đô",
           "màu xanh navy", "màu tím than", "")  # fmt: skip

GOODS: tuple[Goods, ...] = (
    Goods("rau-an-la", 14, "kg", WEIGHED, (18000, 70000),
          ("Cải ngọt", "Cải bẹ xanh", "Cải thìa", "Xà lách lô lô xanh", "Xà lách thủy canh", "Rau muống hạt",
           "Mồng tơi", "Rau dền đỏ", "Rau lang non", "Rau má", "Rau thơm tổng hợp", "Húng quế", "Tía tô",
           "Diếp cá", "Rau ngót", "Cải xoăn kale", "Cải bó xôi", "Cải cúc", "Hành lá", "Ngò rí", "Rau mầm cải củ",
           "Rau mầm hướng dương", "Lá lốt", "Rau đay"),
          PRODUCE_QUALIFIERS, PRODUCE_SUMMARIES, (("vietgap", 0.45), ("organic", 0.08)), 0.02),
    Goods("cu-qua", 12, "kg", WEIGHED, (18000, 70000),
          ("Dưa leo", "Cà chua bi đỏ", "Cà chua", "Khổ qua rừng", "Đậu bắp xanh", "Bí đỏ hồ lô", "Bí xanh",
           "Mướp hương", "Khoai lang mật", "Khoai mì dẻo", "Gừng sẻ", "Ớt chỉ thiên", "Cà tím", "Đậu que",
           "Su hào", "Cà rốt", "Củ cải trắng", "Bầu sao", "Sả cây", "Nghệ tươi", "Bắp nếp", "Khoai môn",
           "Hành tím", "Tỏi ta"),
          PRODUCE_QUALIFIERS, PRODUCE_SUMMARIES, (("vietgap", 0.4), ("organic", 0.05)), 0.03),
    Goods("trai-cay", 16, "kg", WEIGHED, (22000, 180000),
          ("Chôm chôm Java", "Sầu riêng Ri6", "Sầu riêng Monthong", "Măng cụt", "Bưởi da xanh", "Mít Thái ruột đỏ",
           "Bơ sáp", "Bơ 034", "Chuối già Nam Mỹ", "Dưa lưới ruột cam", "Nhãn xuồng cơm vàng", "Xoài cát Hòa Lộc",
           "Thanh long ruột đỏ", "Cam sành", "Chanh không hạt", "Ổi nữ hoàng", "Khóm Queen", "Vú sữa Lò Rèn",
           "Đu đủ ruột đỏ", "Dưa hấu không hạt", "Chuối cau", "Mãng cầu ta", "Sapoche", "Dừa xiêm"),
          ("chín cây", "loại 1", "VietGAP", "vườn nhà", "", "", ""), FRUIT_SUMMARIES,
          (("vietgap", 0.35), ("globalgap", 0.05)), 0.1),
    Goods("ao-thun", 9, "piece", SIZES, (85000, 210000),
          ("Áo thun cotton cổ tròn", "Áo thun cổ tim nữ", "Áo thun polo nữ vải cá sấu", "Áo thun tay lỡ form rộng",
           "Áo thun in chữ Phụ nữ khởi nghiệp", "Áo thun đồng phục chi hội", "Áo thun gia đình",
           "Áo thun thể thao thoáng khí", "Áo thun dài tay", "Áo thun trẻ em hình hoa sen", "Áo thun ba lỗ"),
          COLOURS, CLOTHING_SUMMARIES),
    Goods("bao-tay-do-bao-ho", 5, "pack", PAIRS, (10000, 30000),
          ("Bao tay cao su gia dụng", "Bao tay cao su dài tay cạo mủ", "Bao tay sợi phủ cao su bảo hộ",
           "Bao tay len", "Ống tay chống nắng", "Khẩu trang vải kháng khuẩn", "Tạp dề vải kaki có túi",
           "Nón vải che nắng"),
          ("size M", "size L", "loại dày", "", ""), WORKWEAR_SUMMARIES),
    Goods("yen-sao", 6, "box", NEST, (1200000, 3500000),
          ("Yến thô còn lông nguyên tổ", "Yến tinh chế nguyên tổ", "Yến sợi tinh chế", "Chân yến tinh chế",
           "Tổ yến rút lông", "Yến vụn tinh chế", "Yến baby tinh chế", "Yến hồng tinh chế", "Hộp quà yến sào",
           "Yến chưng đường phèn", "Yến chưng hạt sen táo đỏ", "Nước yến đóng lọ"),
          ("loại 1", "thượng hạng", "nhà nuôi", "", ""), NEST_SUMMARIES,
          (("haccp", 0.2),), 0.35),
    Goods("nam-an", 7, "kg", WEIGHED, (40000, 160000),
          ("Nấm bào ngư xám", "Nấm bào ngư trắng", "Nấm rơm", "Nấm rơm búp", "Nấm đùi gà", "Nấm kim châm",
           "Nấm mèo sấy khô", "Nấm linh chi đỏ thái lát", "Nấm bào ngư sấy giòn", "Nấm hương khô", "Nấm mối",
           "Nấm tuyết"),
          ("tươi", "sấy khô", "VietGAP", "", ""), MUSHROOM_SUMMARIES, (("vietgap", 0.25),), 0.08),
    Goods("dong-trung-ha-thao", 5, "jar", CORDYCEPS, (150000, 520000),
          ("Đông trùng hạ thảo sấy thăng hoa", "Đông trùng hạ thảo sấy khô", "Đông trùng hạ thảo tươi",
           "Trà đông trùng hạ thảo túi lọc", "Đông trùng hạ thảo ngâm mật ong", "Nước uống đông trùng hạ thảo",
           "Cao đông trùng hạ thảo", "Yến chưng đông trùng hạ thảo"),
          ("loại 1", "phòng sạch", "", ""), CORDYCEPS_SUMMARIES, (("haccp", 0.25),), 0.4),
    Goods("hat-dieu", 9, "bag", BAGS, (180000, 420000),
          ("Hạt điều rang muối vỏ lụa", "Hạt điều tươi bóc vỏ lụa W320", "Hạt điều rang tỏi ớt",
           "Hạt điều mật ong mè trắng", "Hạt điều sấy giòn không muối", "Hạt điều vỡ làm bánh", "Hạt điều rang củi",
           "Nhân điều W240 loại 1", "Hạt điều phô mai", "Hạt điều nguyên vỏ rang", "Sữa hạt điều", "Bơ hạt điều"),
          ("loại 1", "xuất khẩu", "nhà làm", "", ""), CASHEW_SUMMARIES,
          (("haccp", 0.2),), 0.3),
    Goods("do-kho-gia-vi", 7, "jar", JARS, (90000, 400000),
          ("Chà bông heo làm tay", "Chà bông gà xé cay", "Mắm ruốc xào sả ớt", "Muối ớt tôm hạt điều",
           "Tương ớt tỏi nhà làm", "Tiêu đen", "Tiêu sọ trắng", "Muối tiêu chanh", "Măng le rừng phơi khô",
           "Khô gà lá chanh", "Tôm khô", "Bột nghệ", "Mật ong hoa cà phê", "Mật ong hoa điều", "Muối sả ớt"),
          ("nhà làm", "loại 1", "", ""), PROCESSED_SUMMARIES, (("haccp", 0.1),), 0.2),
    Goods("banh-mut", 4, "box", BOXES, (35000, 150000),
          ("Bánh quy hạt điều bơ", "Mứt gừng dẻo", "Mứt dừa non lá dứa", "Bánh bông lan trứng muối", "Bánh pía",
           "Kẹo đậu phộng", "Mứt mãng cầu", "Bánh tét lá cẩm", "Bánh ít lá gai", "Kẹo dừa", "Mứt me"),
          ("nhà làm", "ít ngọt", "", ""), PROCESSED_SUMMARIES, (), 0.15),
    Goods("may-tre-dan", 3, "piece", PIECES, (45000, 350000),
          ("Giỏ mây đi chợ có quai", "Rổ tre đan tay", "Khay mây chữ nhật", "Đèn mây thả trần",
           "Hộp mây đựng đồ có nắp", "Giỏ lục bình", "Thảm lục bình", "Nón lá", "Túi cói", "Mành tre"),
          ("đan tay", "", ""), CRAFT_SUMMARIES, (), 0.1),
    Goods("tho-cam", 3, "piece", PIECES, (80000, 450000),
          ("Khăn thổ cẩm S'tiêng", "Túi thổ cẩm đeo chéo", "Ví thổ cẩm cầm tay", "Khăn trải bàn thổ cẩm",
           "Váy thổ cẩm", "Áo khoác thổ cẩm", "Móc khóa thổ cẩm", "Gối tựa thổ cẩm"),
          ("dệt tay", "", ""), BROCADE_SUMMARIES, (), 0.2),
)  # fmt: skip
TRADES: dict[str, tuple[str, str]] = {  # category → (trade in a seller's name, goods in a story)
    "rau-an-la": ("Rau an toàn", "rau ăn lá"),
    "cu-qua": ("Nông sản sạch", "củ quả"),
    "trai-cay": ("Trái cây", "trái cây"),
    "ao-thun": ("May mặc", "áo thun"),
    "bao-tay-do-bao-ho": ("Bao tay cao su", "bao tay cao su"),
    "yen-sao": ("Yến sào", "yến sào"),
    "nam-an": ("Trồng nấm", "nấm ăn"),
    "dong-trung-ha-thao": ("Nấm đông trùng hạ thảo", "đông trùng hạ thảo"),
    "hat-dieu": ("Chế biến hạt điều", "hạt điều"),
    "do-kho-gia-vi": ("Đặc sản", "đồ khô, gia vị"),
    "banh-mut": ("Bánh mứt", "bánh mứt"),
    "may-tre-dan": ("Đan lát mây tre", "hàng mây tre đan"),
    "tho-cam": ("Dệt thổ cẩm", "khăn, túi thổ cẩm"),
}
CERT_WORDS = {
    "vietgap": "Đạt chứng nhận VietGAP.",
    "globalgap": "Đạt chứng nhận GlobalGAP.",
    "organic": "Đạt chứng nhận hữu cơ.",
    "haccp": "Cơ sở sản xuất đạt chứng nhận HACCP.",
}

# Outlets: the union's own 15 shops, the demo seed's own table (OUTLETS, OUTLET_NAME, PROVINCE_CODE).
