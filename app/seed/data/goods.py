"""T-shirts, gloves and workwear, and handicrafts."""

from __future__ import annotations

from app.seed.specs import P, V, sizes

# The tables read best a row to a few lines, so the formatter leaves them alone.
# fmt: off
KIDS = ("2–3 tuổi", "4–5 tuổi", "6–7 tuổi", "8–9 tuổi")

CLOTHING = (
    P("maytrangbom", "ao-thun", "Áo thun cotton cổ tròn màu trắng", "piece", sizes(120000),
      "Áo thun cotton 100% cổ tròn, form suông, trắng tinh, mặc đi làm hay mặc nhà đều hợp."),
    P("maytrangbom", "ao-thun", "Áo thun cotton cổ tròn màu hồng phấn", "piece", sizes(120000),
      "Áo thun cổ tròn màu hồng phấn – màu áo của Hội Phụ nữ, vải mềm, thấm hút tốt.", featured=True),
    P("maytrangbom", "ao-thun", "Áo thun cổ tim nữ", "piece", sizes(135000),
      "Áo thun nữ cổ tim, dáng ôm nhẹ, vải cotton co giãn 4 chiều."),
    P("maytrangbom", "ao-thun", "Áo thun polo nữ vải cá sấu", "piece", sizes(170000, 230),
      "Áo polo nữ vải cá sấu cotton, cổ bẻ, bo tay gọn gàng, mặc đi làm lịch sự."),
    P("maytrangbom", "ao-thun", "Áo thun tay lỡ form rộng", "piece", sizes(150000, 220),
      "Áo thun tay lỡ form rộng thoải mái, hợp đi chơi, đi học."),
    P("maytrangbom", "ao-thun", "Áo thun in chữ Phụ nữ khởi nghiệp", "piece", sizes(140000),
      "Áo thun in dòng chữ “Phụ nữ khởi nghiệp” bằng mực in lụa bền màu, may tại Trảng Bom."),
    P("maytrangbom", "ao-thun", "Áo thun trẻ em hình hoa sen", "piece",
      tuple(V(f"Size {label}", 120 + 15 * i, 95000) for i, label in enumerate(KIDS)),
      "Áo thun cho bé in hình hoa sen, cotton mềm mịn, không xù lông."),
    P("maytrangbom", "ao-thun", "Áo thun đồng phục may theo đơn", "piece", sizes(115000),
      "Nhận may áo thun đồng phục cho chi hội, tổ hợp tác, in logo theo yêu cầu.", status="draft"),
    P("maytrangbom", "bao-tay-do-bao-ho", "Tạp dề vải kaki có túi", "piece", (V("Cỡ chung", 180, 65000),),
      "Tạp dề kaki dày, hai túi trước, dây buộc sau lưng chỉnh được, dùng nấu ăn và bán hàng."),
    P("baotaychonthanh", "bao-tay-do-bao-ho", "Bao tay cao su gia dụng", "pack",
      (V("Size M – gói 1 đôi", 60, 15000), V("Size L – gói 1 đôi", 65, 15000), V("Size M – gói 10 đôi", 600, 135000)),
      "Bao tay cao su tự nhiên, mặt trong phủ bột chống dính, rửa chén, giặt đồ không lo khô tay."),
    P("baotaychonthanh", "bao-tay-do-bao-ho", "Bao tay cao su dài tay cạo mủ", "pack",
      (V("Gói 1 đôi", 110, 25000), V("Gói 5 đôi", 550, 115000)),
      "Bao tay cao su dài đến khuỷu, dày dặn, dùng cạo mủ, làm vườn, vệ sinh chuồng trại."),
    P("baotaychonthanh", "bao-tay-do-bao-ho", "Bao tay sợi phủ cao su bảo hộ", "pack",
      (V("Gói 1 đôi", 70, 12000), V("Gói 12 đôi", 840, 120000)),
      "Bao tay sợi poly phủ cao su lòng bàn tay, chống trơn, dùng bốc vác, làm vườn."),
)

CRAFTS = (
    P("maytretanphu", "may-tre-dan", "Giỏ mây đi chợ có quai", "piece",
      (V("Cỡ vừa", 450, 180000), V("Cỡ lớn", 600, 230000)),
      "Giỏ mây đan tay có quai xách, chắc chắn, thay túi ni lông khi đi chợ."),
    P("maytretanphu", "may-tre-dan", "Rổ tre đan tay", "piece", (V("Đường kính 30 cm", 300, 45000),
      V("Đường kính 40 cm", 450, 65000)), "Rổ tre đan nan mỏng, đựng rau, phơi đồ khô."),
    P("maytretanphu", "may-tre-dan", "Khay mây chữ nhật", "piece", (V("Cỡ 30 × 40 cm", 500, 120000),),
      "Khay mây đan viền chắc, bày bánh trái, đựng đồ trang trí."),
    P("maytretanphu", "may-tre-dan", "Đèn mây thả trần", "piece", (V("Đường kính 35 cm", 700, 350000),),
      "Chao đèn mây đan hình bầu, ánh sáng xuyên qua nan tạo bóng đẹp."),
    P("maytretanphu", "may-tre-dan", "Hộp mây đựng đồ có nắp", "piece", (V("Cỡ 20 × 25 cm", 400, 150000),),
      "Hộp mây có nắp đậy, đựng kim chỉ, đồ trang sức hay làm hộp quà Tết."),
    P("thocambombo", "tho-cam", "Khăn thổ cẩm S'tiêng Bom Bo", "piece", (V("Khăn 30 × 180 cm", 250, 250000),),
      "Khăn choàng dệt tay hoa văn S'tiêng, màu đỏ đen truyền thống.",
      certs=("ocop",), ocop=3, featured=True),
    P("thocambombo", "tho-cam", "Túi thổ cẩm đeo chéo", "piece", (V("Cỡ 25 × 30 cm", 300, 280000),),
      "Túi đeo chéo may từ vải thổ cẩm dệt tay, có lót trong và khóa kéo."),
    P("thocambombo", "tho-cam", "Ví thổ cẩm cầm tay", "piece", (V("Cỡ 12 × 20 cm", 100, 120000),),
      "Ví cầm tay nhỏ gọn từ thổ cẩm, đựng tiền, điện thoại."),
    P("thocambombo", "tho-cam", "Khăn trải bàn thổ cẩm", "piece", (V("Cỡ 80 × 140 cm", 600, 450000),),
      "Khăn trải bàn dệt tay, hoa văn hình thoi, làm quà tặng ý nghĩa."),
)
# fmt: on
