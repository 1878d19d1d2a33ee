// Text the generator draws from. Everyday Chinese (the kind of text people photograph or screenshot),
// product-style English, and mixed lines with digits, so each script and the switches between them
// are exercised.

export const CHINESE_PHRASES: readonly string[] = [
  '今天天气很好，我们去公园散步吧',
  '请在下午三点前提交报销单据',
  '会议改到明天上午十点，地点不变',
  '本店支持微信支付和支付宝付款',
  '欢迎使用云开发文字识别服务',
  '快递已送达门口的智能快递柜',
  '周末一起去图书馆看书怎么样',
  '注意：电梯维修期间请走楼梯',
  '订单已发货，预计两天后到达',
  '小程序的图片上传功能已经修复',
  '学习的过程比结果更加重要',
  '春天来了，公园里的花都开了',
  '请保管好您的个人财物',
  '感谢您的耐心等待和理解',
  '营业时间为每天早上九点到晚上十点',
  '这个问题我们明天开会再讨论',
  '新用户注册即可领取优惠券',
  '地铁二号线在人民广场换乘',
  '文件已经保存到共享文件夹里',
  '记得带上身份证和学生证',
]

export const ENGLISH_PHRASES: readonly string[] = [
  'Printed text recognition',
  'Please upload a clear photo',
  'The quick brown fox jumps over the lazy dog',
  'Meeting moved to Friday afternoon',
  'Your order has been shipped',
  'Cloud functions run close to your data',
  'Open the settings page to continue',
  'Total amount due this month',
  'Keep the receipt for your records',
  'Download the latest version today',
  'Reading order is decided by the client',
  'Every line has exactly four corners',
]

export const MIXED_PHRASES: readonly string[] = [
  '订单号 20240518 已确认',
  '会议室 B302 下午 3:30',
  '价格 128 元，限时 8 折',
  'WiFi 密码 guest2024',
  '第 3 章 Cloud Functions 入门',
  '请拨打 400 820 8820 咨询',
  '版本 v2.6.1 更新说明',
  '共 12 件商品 合计 356 元',
  'OCR 接口每天 100 次调用',
  '航班 MU5101 登机口 C12',
]

export const ALL_PHRASES: readonly string[] = [
  ...CHINESE_PHRASES,
  ...ENGLISH_PHRASES,
  ...MIXED_PHRASES,
]

// The patterns PP-OCRv4 ran together before the engine restored spaces: Latin words side by side,
// a date next to a time, a product name next to a price, a version string after a word.
export const RECEIPT_ITEMS: readonly string[] = [
  'Coffee Latte',
  'Iced Americano',
  'Green Tea Latte',
  'Butter Croissant',
  'Chocolate Muffin',
  'Mineral Water',
]

export const PAYMENT_METHODS: readonly string[] = ['WeChat Pay', 'Apple Pay', 'Credit Card']

export const ENGLISH_SENTENCES: readonly string[] = [
  'Thank you for shopping with us',
  'Please keep this receipt for returns',
  'Free refills on all hot drinks',
  'Scan the code to join our members club',
  'Opening hours are from 8 am to 10 pm',
  'Show this page at the front desk',
  'Your table will be ready in 5 minutes',
  'See you again soon',
]
