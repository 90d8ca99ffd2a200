"""The category tree and what every product page of a category says about storage and use."""

from __future__ import annotations

from app.seed.specs import CategorySpec as C

CATEGORIES: tuple[C, ...] = (
    C(
        "rau-cu-qua",
        "Rau củ quả",
        "Vegetables & fruit",
        (
            C("rau-an-la", "Rau ăn lá", "Leafy greens"),
            C("cu-qua", "Củ quả", "Roots & fruiting vegetables"),
            C("trai-cay", "Trái cây", "Fruit"),
        ),
    ),
    C(
        "ao-thun-may-mac",
        "Áo thun & may mặc",
        "T-shirts & clothing",
        (
            C("ao-thun", "Áo thun", "T-shirts"),
            C("bao-tay-do-bao-ho", "Bao tay & đồ bảo hộ", "Gloves & workwear"),
        ),
    ),
    C("yen-sao", "Yến sào", "Bird's nest"),
    C(
        "nam-dong-trung-ha-thao",
        "Nấm & đông trùng hạ thảo",
        "Mushrooms & cordyceps",
        (
            C("nam-an", "Nấm ăn", "Edible mushrooms"),
            C("dong-trung-ha-thao", "Đông trùng hạ thảo", "Cordyceps"),
        ),
    ),
    C("hat-dieu", "Hạt điều", "Cashew nuts"),
    C(
        "thuc-pham-che-bien",
        "Thực phẩm chế biến",
        "Processed foods",
        (
            C("do-kho-gia-vi", "Đồ khô & gia vị", "Dried goods & spices"),
            C("banh-mut", "Bánh mứt", "Cakes & sweets"),
        ),
    ),
    C(
        "thu-cong-my-nghe",
        "Thủ công mỹ nghệ",
        "Handicrafts",
        (
            C("may-tre-dan", "Mây tre đan", "Rattan & bamboo"),
            C("tho-cam", "Thổ cẩm", "Brocade"),
        ),
    ),
)

_PRODUCE = (
    "Sản phẩm bán theo ký: khối lượng thực tế có thể chênh lệch nhẹ, cửa hàng cân lại khi giao và hoàn tiền phần thiếu."
)

CATEGORY_NOTES: dict[str, str] = {
    "rau-an-la": (
        "Rau được cắt vào sáng sớm, sơ chế nhẹ và đưa đến cửa hàng trong ngày. Bảo quản ngăn mát tủ lạnh, "
        "dùng ngon nhất trong 2–3 ngày. " + _PRODUCE
    ),
    "cu-qua": (
        "Củ quả được thu hoạch đúng độ chín, lựa bỏ trái dập trước khi đóng túi. Để nơi thoáng mát hoặc "
        "ngăn mát tủ lạnh. " + _PRODUCE
    ),
    "trai-cay": (
        "Trái chín cây, hái đến đâu giao đến đó, không dùng chất kích thích chín. Trái cây có thể khác nhau "
        "chút ít về kích cỡ và màu vỏ theo mùa. " + _PRODUCE
    ),
    "ao-thun": (
        "Vải cotton 2 chiều thấm hút mồ hôi, đường may chắc chắn, được kiểm tra từng chiếc trước khi đóng "
        "túi. Giặt bằng nước lạnh, lộn trái khi phơi để giữ màu. Bảng size: S (45–50 kg), M (50–57 kg), "
        "L (57–65 kg), XL (65–72 kg)."
    ),
    "bao-tay-do-bao-ho": (
        "Làm tại nhà bởi chị em trong tổ, kiểm tra từng đôi trước khi đóng gói. Rửa sạch sau khi dùng, "
        "phơi nơi thoáng mát, tránh nắng gắt để dùng được lâu."
    ),
    "yen-sao": (
        "Yến được nhặt lông bằng tay, không tẩy trắng, không pha trộn. Cách dùng: ngâm yến 30–60 phút cho "
        "nở, chưng cách thủy 20–30 phút cùng đường phèn. Bảo quản nơi khô ráo; hộp có tem truy xuất "
        "nguồn gốc."
    ),
    "nam-an": (
        "Nấm được hái buổi sáng, đóng túi giữ lạnh và giao trong ngày. Nấm tươi để ngăn mát, dùng trong "
        "2–3 ngày; nấm khô để nơi khô ráo, đậy kín."
    ),
    "dong-trung-ha-thao": (
        "Nuôi cấy trong phòng sạch, sấy ở nhiệt độ thấp để giữ dưỡng chất. Dùng pha trà, chưng yến, nấu "
        "cháo hoặc hầm gà; người lớn dùng 3–5 g mỗi ngày. Thực phẩm này không phải là thuốc và không có "
        "tác dụng thay thế thuốc chữa bệnh."
    ),
    "hat-dieu": (
        "Điều nguyên liệu từ vườn của hội viên ở Phước Long, Bù Gia Mập, Bù Đăng; bóc tách thủ công, rang "
        "và đóng gói trong ngày. Túi zip giữ giòn, sau khi mở nên dùng trong 2 tuần. Hạn sử dụng 6 tháng "
        "kể từ ngày đóng gói."
    ),
    "do-kho-gia-vi": (
        "Đóng gói tại cơ sở, nhãn ghi rõ ngày sản xuất và hạn sử dụng. Bảo quản nơi khô ráo, thoáng mát, "
        "đậy kín sau khi dùng."
    ),
    "banh-mut": (
        "Làm thủ công theo mẻ nhỏ, không dùng chất bảo quản, nên dùng trong vòng 1 tháng. Nguyên liệu hạt "
        "điều, gừng, dừa được mua từ các hợp tác xã phụ nữ trong tỉnh."
    ),
    "may-tre-dan": (
        "Đan tay hoàn toàn từ mây, tre phơi khô tự nhiên, xử lý chống mốc an toàn. Mỗi sản phẩm có chút "
        "khác biệt về màu và vân vì làm thủ công. Lau bằng khăn khô, tránh để nơi ẩm ướt."
    ),
    "tho-cam": (
        "Dệt tay trên khung dệt truyền thống của đồng bào S'tiêng, sợi cotton nhuộm màu bền. Giặt tay nhẹ "
        "nhàng bằng nước lạnh, phơi trong bóng râm. Mỗi tấm có hoa văn riêng, không hoàn toàn giống ảnh."
    ),
}
