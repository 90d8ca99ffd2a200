"""The women's cooperatives, groups, household businesses and entrepreneurs of the demo.

Stories are drawn from the provincial union's 2023 report: the cordyceps cooperative it
visited with the Cooperative Alliance, the home workplaces (rubber gloves, cashew shelling,
sewing), VietGAP vegetable groups, bird's nest and the "native resources" start-up contest.
"""

from __future__ import annotations

from app.seed.specs import SellerSpec as S

# The tables read best a row to a few lines, so the formatter leaves them alone.
# fmt: off
SELLERS: tuple[S, ...] = (
    S(
        "dongtrung", "HTX Nấm đông trùng hạ thảo Phụ nữ Bình Phước", "cooperative", "Trần Thị Thu Hà",
        "0913456721", 25195, "Tổ 3, khu phố Phú Cường", 14, 12,
        "Hợp tác xã do chị em phụ nữ thành lập để nuôi trồng nấm đông trùng hạ thảo trong phòng sạch. "
        "Năm 2023, Hội LHPN tỉnh cùng Liên minh Hợp tác xã tỉnh đến thăm, hướng dẫn thủ tục, hồ sơ vay "
        "vốn Quỹ Hỗ trợ phát triển hợp tác xã để mở rộng sản xuất. Sản phẩm được sấy lạnh và đóng hũ "
        "ngay tại hợp tác xã.",
        registration_no="3801245679", featured=True,
    ),
    S(
        "xuanloc", "HTX Nông sản an toàn Phụ nữ Xuân Lộc", "cooperative", "Nguyễn Thị Bích Ngọc",
        "0978123456", 26425, "Ấp Bình Hòa", 28, 21,
        "Một trong 5 hợp tác xã được các cấp Hội hỗ trợ thành lập mới trong năm 2023. Các thành viên "
        "trồng rau ăn lá và củ quả theo quy trình VietGAP, ghi nhật ký sản xuất đầy đủ. Rau được thu "
        "hoạch buổi sáng và đưa thẳng đến các cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp trong ngày.",
        registration_no="3603812457", featured=True,
    ),
    S(
        "yenbudang", "HTX Yến sào Phụ nữ Bù Đăng", "cooperative", "Lê Thị Hồng Nhung",
        "0946218375", 25396, "Thôn 4", 9, 7,
        "Các chị trong hợp tác xã góp vốn xây nhà nuôi chim yến giữa vùng điều, tiêu Bù Đăng. Tổ yến "
        "được khai thác đúng mùa, làm sạch thủ công bằng nhíp, không tẩy trắng. Năm 2023, yến sào của "
        "các chị góp phần vào 20 kg yến tiêu thụ qua các cửa hàng của Hội.",
        registration_no="3801298754",
    ),
    S(
        "dieuphuoclong", "HTX Chế biến hạt điều Phụ nữ Phước Long", "cooperative", "Phạm Thị Kim Oanh",
        "0967345812", 25220, "Khu phố 2", 35, 31,
        "Hợp tác xã tạo việc làm tại chỗ cho chị em không đủ điều kiện vào làm ở công ty, xí nghiệp: "
        "bóc tách hạt điều, phân loại, rang muối và đóng gói. Điều được thu mua từ vườn của chính hội "
        "viên ở Phước Long, Bù Gia Mập. Hạt điều rang muối của hợp tác xã đạt OCOP 4 sao.",
        registration_no="3801187643", featured=True,
    ),
    S(
        "maytrangbom", "Tổ hợp tác May mặc Phụ nữ Trảng Bom", "cooperative_group", "Võ Thị Thanh Tâm",
        "0903217654", 26248, "Khu phố 5", 18, 18,
        "Tổ hợp tác tập hợp chị em có tay nghề may ở Trảng Bom, vừa nhận may gia công vừa may áo thun "
        "cotton mang nhãn riêng. Năm 2023, hơn 1.000 chiếc áo thun của các tổ may phụ nữ đã được tiêu "
        "thụ qua các cửa hàng của Hội. Mỗi chiếc áo đều được kiểm tra đường may trước khi gấp túi.",
    ),
    S(
        "raulongthanh", "Tổ hợp tác Rau an toàn Phụ nữ Long Thành", "cooperative_group", "Đặng Thị Mỹ Linh",
        "0382145679", 26368, "Ấp 5", 16, 13,
        "Tổ hợp tác trồng rau, củ, quả an toàn trên vùng đất đỏ Long Thành, được Hội hỗ trợ vốn vay và "
        "tập huấn kỹ thuật. Chị em dùng phân hữu cơ ủ tại chỗ, hạn chế tối đa thuốc bảo vệ thực vật. Đầu "
        "ra ổn định nhờ các cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp.",
    ),
    S(
        "dieubugiamap", "Tổ hợp tác Bóc tách hạt điều Phụ nữ Bù Gia Mập", "cooperative_group", "Điểu Thị Mai",
        "0357298146", 25222, "Thôn Bù Ka", 32, 30,
        "Điểm tạo việc làm tại chỗ cho hơn 30 chị em, phần lớn là đồng bào dân tộc thiểu số: nhận hạt "
        "điều thô về bóc tách, phân loại tại nhà. Tổ hợp tác tự rang củi theo cách truyền thống, giữ vị "
        "bùi béo đặc trưng của điều Bình Phước.",
    ),
    S(
        "maytretanphu", "Tổ hợp tác Đan lát mây tre Phụ nữ Tân Phú", "cooperative_group", "Hoàng Thị Sen",
        "0918765234", 26116, "Khu 8", 12, 12,
        "Nghề đan mây tre được các chị truyền cho nhau từ thế hệ trước. Tổ hợp tác giúp chị em lớn tuổi "
        "có thu nhập lúc nông nhàn, đan giỏ, rổ, khay theo đơn đặt hàng. Mây, tre được phơi khô tự nhiên "
        "và xử lý chống mốc không dùng hóa chất độc hại.",
    ),
    S(
        "raunhontrach", "Tổ liên kết Phụ nữ trồng rau VietGAP Nhơn Trạch", "linkage_group", "Huỳnh Thị Kim Chi",
        "0935671248", 26491, "Ấp Bến Cam", 22, 22,
        "Tổ liên kết gồm các hộ phụ nữ trồng rau ăn lá ven sông Đồng Nai. Các chị cùng mua giống, cùng "
        "làm theo quy trình VietGAP và chia nhau giao rau cho cửa hàng. Hội hỗ trợ cài đặt ví điện tử và "
        "cấp mã QR để chị em nhận tiền bán hàng không dùng tiền mặt.",
    ),
    S(
        "baotaychonthanh", "Tổ liên kết Phụ nữ làm bao tay cao su Chơn Thành", "linkage_group",
        "Ngô Thị Thùy Dung", "0974512368", 25441, "Khu phố 3", 40, 40,
        "Làm bao tay cao su tại nhà là một trong những điểm tạo việc làm tại chỗ mà các cấp Hội duy trì "
        "cho hội viên. Chị em nhận nguyên liệu, làm và kiểm tra từng đôi bao tay ngay tại nhà, vừa có thu "
        "nhập vừa chăm sóc con nhỏ. Bao tay bền, ôm tay, dùng tốt cho việc nhà và cạo mủ cao su.",
    ),
    S(
        "namdinhquan", "Tổ liên kết Phụ nữ trồng nấm Định Quán", "linkage_group", "Bùi Thị Ngọc Hân",
        "0398456127", 26206, "Ấp Hiệp Nghĩa", 15, 14,
        "Các chị tận dụng mùn cưa, rơm rạ sau thu hoạch để trồng nấm bào ngư, nấm mèo và nấm linh chi. Tổ "
        "liên kết được vay vốn từ Chương trình hỗ trợ phụ nữ giảm nghèo của Hội để dựng nhà trại. Nấm "
        "được hái mỗi sáng và giao ngay cho cửa hàng gần nhất.",
    ),
    S(
        "thocambombo", "Tổ liên kết Phụ nữ dệt thổ cẩm S'tiêng Bom Bo", "linkage_group", "Điểu Thị Hường",
        "0387214569", 25405, "Sóc Bom Bo", 20, 20,
        "Các chị người S'tiêng ở Bom Bo giữ nghề dệt thổ cẩm trên khung dệt truyền thống. Dự án của tổ "
        "dự Cuộc thi “Phụ nữ khởi nghiệp – Phát huy tài nguyên bản địa” năm 2023 của Hội LHPN tỉnh. Mỗi "
        "tấm khăn mất nhiều ngày dệt, hoa văn kể chuyện rừng, lúa rẫy và mùa màng.",
        featured=True,
    ),
    S(
        "yenthutrang", "Hộ kinh doanh Yến sào Thu Trang", "household", "Nguyễn Thị Thu Trang",
        "0909834512", 26089, "Số 14 đường Nguyễn Trãi", 4, 3,
        "Chị Thu Trang bắt đầu từ một nhà yến nhỏ sau vườn, được Hội hỗ trợ vay vốn khởi nghiệp và tập "
        "huấn bán hàng trên mạng xã hội. Yến được sơ chế tại gia đình, đóng hộp có tem truy xuất nguồn "
        "gốc. Nay hộ kinh doanh tạo việc làm cho 3 chị em trong xóm.",
        registration_no="47A8012368",
    ),
    S(
        "traicaybaynhung", "Hộ kinh doanh Trái cây Bảy Nhung", "household", "Lâm Thị Nhung",
        "0937145268", 26098, "Ấp Bảo Định", 5, 3,
        "Vườn chôm chôm, sầu riêng, măng cụt của gia đình chị Nhung đã hơn 20 năm tuổi ở Long Khánh. Từ "
        "khi có cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp, trái cây không còn bị thương lái ép giá. "
        "Trái chín cây, hái đến đâu giao đến đó.",
        registration_no="47A8009451",
    ),
    S(
        "chabongut", "Hộ kinh doanh Chà bông – Mắm ruốc Út Hạnh", "household", "Trương Thị Hạnh",
        "0965287413", 26383, "Ấp 3", 3, 3,
        "Chị Út Hạnh khởi nghiệp với món chà bông làm tay theo công thức của mẹ, được Hội hỗ trợ vay vốn "
        "mua máy xé thịt và tủ sấy. Sản phẩm không dùng chất bảo quản, đóng hũ thủy tinh, có giấy chứng "
        "nhận cơ sở đủ điều kiện an toàn thực phẩm.",
        registration_no="47A8015672",
    ),
    S(
        "banhduyen", "Chị Lê Thị Mỹ Duyên – Bánh nhà làm", "individual", "Lê Thị Mỹ Duyên",
        "0778412569", 26017, "Số 52/7 đường Phạm Văn Thuận", 1, 1,
        "Chị Duyên là một trong 221 phụ nữ khởi nghiệp được Hội hỗ trợ năm 2023, bắt đầu từ căn bếp nhà "
        "mình ở Tam Hiệp. Bánh quy hạt điều và mứt gừng của chị dùng nguyên liệu từ các hợp tác xã phụ nữ "
        "trong tỉnh. Chị nhận thanh toán qua mã QR và giao hàng qua cửa hàng của Hội.",
    ),
    S(
        "tieuloan", "Chị Nguyễn Thị Kim Loan – Tiêu Lộc Ninh", "individual", "Nguyễn Thị Kim Loan",
        "0352418796", 25279, "Ấp Bù Núi", 1, 1,
        "Chị Loan trồng tiêu trên mảnh vườn 1,5 ha ở Lộc Ninh, tự phơi và sàng tiêu bằng tay. Nhờ lớp "
        "nâng cao năng lực của Hội, chị biết cách đóng gói, dán nhãn và bán qua sàn thương mại điện tử. "
        "Tiêu sọ và muối tiêu là hai món khách quen đặt nhiều nhất.",
    ),
    # Not visible to shoppers: one application waiting, one seller suspended.
    S(
        "raumamtamphuoc", "HTX Rau mầm Phụ nữ Tam Phước", "cooperative", "Cao Thị Diễm",
        "0948127365", 26374, "Khu phố Long Đức 3", 8, 7,
        "Hợp tác xã trẻ của các chị công nhân nghỉ việc ở khu công nghiệp, trồng rau mầm sạch trong nhà "
        "lưới. Hồ sơ đăng ký bán hàng đang chờ Hội xét duyệt.",
        registration_no="3604125789", status="pending",
    ),
    S(
        "namromminhthu", "Hộ kinh doanh Nấm rơm Minh Thư", "household", "Phan Thị Minh Thư",
        "0919283746", 26434, "Ấp Trung Hưng", 3, 2,
        "Hộ gia đình trồng nấm rơm trên rơm rạ của cánh đồng Xuân Thành. Được Hội hướng dẫn làm hồ sơ "
        "an toàn thực phẩm để bán qua cửa hàng.",
        registration_no="47A8017734", status="suspended",
        status_reason="Tạm ngưng: giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đã hết hạn, chờ bổ sung.",
    ),
)
# fmt: on
