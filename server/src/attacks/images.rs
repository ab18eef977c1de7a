//! Images that would exhaust memory: refused from their header, before any decoding.
use crate::test_support::{demo_app, multipart, post_typed, sign_in};

/// A 100 KB PNG whose header claims `width` × `height` pixels.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // Where the pixels would start: an empty IDAT chunk, then filler.
    png.extend_from_slice(&0u32.to_be_bytes());
    png.extend_from_slice(b"IDAT");
    png.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
    png.resize(100 * 1024, 0);
    png
}

#[tokio::test]
async fn a_12000_by_12000_png_of_100_kb_is_refused_with_a_clear_reason() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let product = crate::test_support::account(&app.db, "dongbanh@demo.vn").await;
    let product_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::product::Entity::find()
            .filter(app::entities::product::Column::SubjectId.eq(product.subject_id.unwrap()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (content_type, body) = multipart(
        &[("product_id", &product_id.to_string())],
        "bom.png",
        &png_claiming(12_000, 12_000),
    );
    let started = std::time::Instant::now();
    let (status, answer, _) = post_typed(
        &app.router,
        "/api/upload_product_photo",
        &content_type,
        body,
        Some(&producer),
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("image_too_large"), "{answer}");
    // Refused from the header: no 144-megapixel buffer was ever allocated.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// A real PNG of `side` × `side` pixels (a gradient: small to send, full work to decode).
fn large_png(side: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(side, side, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("a PNG encodes");
    png.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_large_uploads_at_once_queue_without_stalling_other_requests() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let products: Vec<i32> = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let account = crate::test_support::account(&app.db, "dongbanh@demo.vn").await;
        app::entities::product::Entity::find()
            .filter(app::entities::product::Column::SubjectId.eq(account.subject_id.unwrap()))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    let photo = Arc::new(large_png(1200));
    let finished = Arc::new(AtomicUsize::new(0));
    let mut uploads = tokio::task::JoinSet::new();
    for n in 0..10 {
        let (router, cookie, photo, finished) = (
            app.router.clone(),
            producer.clone(),
            Arc::clone(&photo),
            Arc::clone(&finished),
        );
        let product = products[n % products.len()];
        uploads.spawn(async move {
            let (content_type, body) =
                multipart(&[("product_id", &product.to_string())], "lon.png", &photo);
            let (status, answer, _) = post_typed(
                &router,
                "/api/upload_product_photo",
                &content_type,
                body,
                Some(&cookie),
            )
            .await;
            finished.fetch_add(1, Ordering::SeqCst);
            (status, answer)
        });
    }
    // Other people's requests while the uploads queue: each answers before the queue is through.
    for _ in 0..3 {
        let (status, _) = crate::test_support::get_page(&app.router, "/products/1", None).await;
        assert_eq!(status, 200);
        let (status, _) =
            crate::test_support::get_page(&app.router, "/producer", Some(&producer)).await;
        assert_eq!(status, 200);
    }
    let done_meanwhile = finished.load(Ordering::SeqCst);
    while let Some(upload) = uploads.join_next().await {
        let (status, answer) = upload.unwrap();
        assert_eq!(status, 200, "{answer}");
    }
    assert!(
        done_meanwhile < 10,
        "the other requests waited for all ten uploads"
    );
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let peak = app::services::files::uploads::peak_decoding();
    assert!(
        (1..=cores).contains(&peak),
        "{peak} images decoded at once on {cores} cores"
    );
}
